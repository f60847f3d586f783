import type { Message } from "@aws-sdk/client-sqs";
import type { ReceiveConfiguration } from "../../core/generated/receive.config.js";
import type { ReceivedMessage } from "../../core/generated/receive.output.js";
import { documentError } from "../../core/errors.js";
import { nestedDeeperThan } from "../../core/jsonDepth.js";
import type { OperationResult } from "../../core/types.js";
import type { PointerResolver } from "../largePayload/pointerResolver.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });
const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}\s*$/;

/** How received bodies become documents: receive's and listen's settings. */
export interface Decoding {
  queueUrl: string;
  encoding: NonNullable<ReceiveConfiguration["bodyEncoding"]>;
  bodyMaxDepth: number;
  /** Large-payload pointers: their payloads read from S3, or the message passed on as it is. */
  resolver: PointerResolver;
}

/**
 * One received message as receive and listen hand it on: a large-payload
 * pointer resolved first (its body read from S3), then the body decoded.
 * Throws only for an S3 failure that dooms the run (credentials).
 */
export async function decodedResult(
  message: Message,
  index: number,
  decoding: Decoding,
  signal?: AbortSignal,
): Promise<OperationResult<ReceivedMessage>> {
  const resolved = await decoding.resolver.resolve(message, decoding.queueUrl, signal);
  if ("error" in resolved) return { index, status: "error", error: resolved.error };
  return receivedResult(resolved.message, index, decoding.queueUrl, decoding.encoding, decoding.bodyMaxDepth, resolved.largePayload);
}

/** One received message as a result: its document (with where its body came from, for a pointer), or why its body could not be decoded. */
export function receivedResult(
  message: Message,
  index: number,
  queueUrl: string,
  encoding: NonNullable<ReceiveConfiguration["bodyEncoding"]>,
  bodyMaxDepth: number,
  largePayload?: ReceivedMessage["largePayload"],
): OperationResult<ReceivedMessage> {
  const raw = message.Body ?? "";
  const decoded = decodeBody(raw, encoding);
  const details = { messageId: message.MessageId, receiptHandle: message.ReceiptHandle, queueUrl };
  if (!decoded.ok) {
    return {
      index,
      status: "error",
      error: documentError("BODY_DECODE_FAILED", `Message ${message.MessageId ?? "?"}: ${decoded.reason}`, { field: "body", details }),
    };
  }
  if (nestedDeeperThan(decoded.value, bodyMaxDepth)) {
    // A host could not serialise such a document again; the receipt handle lets it delete the message.
    const reason = `the JSON body is nested more than ${bodyMaxDepth} levels deep; use bodyEncoding "text", or delete the message with its receiptHandle.`;
    return {
      index,
      status: "error",
      error: documentError("BODY_TOO_DEEP", `Message ${message.MessageId ?? "?"}: ${reason}`, { field: "body", details }),
    };
  }
  return {
    index,
    status: "success",
    document: {
      messageId: message.MessageId ?? "",
      receiptHandle: message.ReceiptHandle ?? "",
      body: decoded.value,
      md5OfBody: message.MD5OfBody ?? "",
      attributes: { ...message.Attributes },
      messageAttributes: Object.fromEntries(
        Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
          name,
          value.BinaryValue !== undefined
            ? { DataType: value.DataType ?? "Binary", BinaryValue: Buffer.from(value.BinaryValue).toString("base64") }
            : { DataType: value.DataType ?? "String", StringValue: value.StringValue ?? "" },
        ]),
      ),
      queueUrl,
      ...(largePayload === undefined ? {} : { largePayload }),
    },
  };
}

type Decoded = { ok: true; value: unknown } | { ok: false; reason: string };

function decodeBody(raw: string, encoding: NonNullable<ReceiveConfiguration["bodyEncoding"]>): Decoded {
  switch (encoding) {
    case "text":
      return { ok: true, value: raw };
    case "json":
      try {
        return { ok: true, value: JSON.parse(raw) };
      } catch (error) {
        return {
          ok: false,
          reason: `the body is not JSON (${(error as Error).message}); use bodyEncoding "text", or delete the message with its receiptHandle.`,
        };
      }
    case "base64": {
      if (!BASE64.test(raw)) {
        return { ok: false, reason: 'the body is not base64; use bodyEncoding "text".' };
      }
      try {
        return { ok: true, value: utf8.decode(Buffer.from(raw, "base64")) };
      } catch {
        return { ok: false, reason: "the base64 body does not decode to UTF-8 text." };
      }
    }
  }
}
