import type { Message } from "@aws-sdk/client-sqs";
import { ConnectorError, documentError, type DocumentError } from "../../core/errors.js";
import type { Logger } from "../../core/host.js";
import { isFatalForS3 } from "../../core/s3Errors.js";
import { describeAllowed, isAllowed, type ReadSettings } from "./payloadSettings.js";
import type { PayloadStore } from "./payloadStore.js";
import { markedReceiptHandle, parsePointerBody, SIZE_ATTRIBUTE, SIZE_ATTRIBUTE_NAMES, type S3Location } from "./pointerFormat.js";

/** A message as the connector hands it on: its body from S3 when it was a pointer, with where that was. */
export interface ResolvedMessage {
  message: Message;
  largePayload?: S3Location & { size: number };
}

/**
 * Makes sure a receive asks for the size attributes: without them a pointer
 * message looks like any other (AmazonSQSExtendedClient.receiveMessage adds
 * both names; "All" and ".*" include them already).
 */
export function withSizeAttributes(names: readonly string[]): string[] {
  if (names.some((name) => name === "All" || name === ".*")) return [...names];
  return [...names, ...SIZE_ATTRIBUTE_NAMES.filter((name) => !names.includes(name))];
}

/**
 * Resolves pointer messages (ours, and the Java and Python libraries'): a
 * message with a size attribute has a pointer for a body; its payload is read
 * from S3 (allowed buckets and prefixes only, with ExpectedBucketOwner, never
 * more than maxPayloadBytes) and becomes the body; the size attribute is
 * dropped and the receipt handle carries the pointer, as the libraries do,
 * so delete can remove the object. Receive and listen share this.
 */
export class PointerResolver {
  constructor(
    private readonly settings: ReadSettings | undefined,
    private readonly store: PayloadStore | undefined,
    private readonly logger: Logger,
  ) {}

  /** The message to decode, or its document's error (which carries SQS's own receipt handle). Throws only for failures that doom the run. */
  async resolve(message: Message, queueUrl: string, signal?: AbortSignal): Promise<ResolvedMessage | { error: DocumentError }> {
    const attributes = message.MessageAttributes ?? {};
    // Both names are read; the current one first, as both libraries check (getReservedAttributeNameIfPresent).
    const sizeAttribute = attributes[SIZE_ATTRIBUTE.current] ?? attributes[SIZE_ATTRIBUTE.legacy];
    if (sizeAttribute === undefined) return { message };
    const id = message.MessageId ?? "?";
    if (this.settings === undefined || this.store === undefined) {
      this.logger.warn(`Message ${id} is a large-payload pointer to S3; it is passed on as it is because largePayload is not set.`);
      return { message };
    }
    const details = { messageId: message.MessageId, receiptHandle: message.ReceiptHandle, queueUrl };
    const pointer = parsePointerBody(message.Body ?? "");
    if ("invalid" in pointer) {
      return failure("PAYLOAD_POINTER_INVALID", `Message ${id} is marked as a large-payload pointer but ${pointer.invalid}.`, details);
    }
    const where = { ...details, largePayload: pointer };
    const place = `s3://${pointer.bucket}/${pointer.key}`;
    if (!isAllowed(this.settings, pointer)) {
      return failure(
        "PAYLOAD_NOT_ALLOWED",
        `Message ${id} points at ${place}, which largePayload does not allow (${describeAllowed(this.settings)}); nothing was read. Add it to largePayload.allowedBuckets if it is trusted, or deal with the message by its receipt handle.`,
        where,
      );
    }
    const announced = Number(sizeAttribute.StringValue);
    if (Number.isFinite(announced) && announced > this.settings.maxPayloadBytes) {
      return failure(
        "PAYLOAD_TOO_LARGE",
        `Message ${id} points at ${place} of ${announced} bytes, more than largePayload.maxPayloadBytes (${this.settings.maxPayloadBytes}); nothing was read.`,
        where,
      );
    }
    let payload: Buffer;
    try {
      payload = await this.store.read(pointer, this.settings.maxPayloadBytes, {
        expectedBucketOwner: this.settings.expectedBucketOwner,
        signal,
      });
    } catch (error) {
      if (!(error instanceof ConnectorError) || isFatalForS3(error)) throw error;
      return failure(error.code, `Message ${id}: ${error.message}`, where, error.retryable);
    }
    const kept = Object.fromEntries(Object.entries(attributes).filter(([name]) => !SIZE_ATTRIBUTE_NAMES.includes(name)));
    return {
      message: {
        ...message,
        // Decoded as the libraries decode it (IoUtils.toUtf8String; Python's bytes.decode), bytes as they were written.
        Body: payload.toString("utf8"),
        ReceiptHandle: markedReceiptHandle(pointer, message.ReceiptHandle ?? ""),
        MessageAttributes: kept,
      },
      largePayload: { ...pointer, size: payload.length },
    };
  }
}

function failure(
  code: DocumentError["code"],
  message: string,
  details: Record<string, unknown>,
  retryable?: boolean,
): { error: DocumentError } {
  return { error: documentError(code, message, { field: "body", details, ...(retryable === undefined ? {} : { retryable }) }) };
}
