import type { MessageAttributeValue, SendMessageBatchRequestEntry } from "@aws-sdk/client-sqs";
import { createHash, randomUUID } from "node:crypto";
import { documentError, type DocumentError } from "../../core/errors.js";
import type { OffloadSettings } from "../largePayload/payloadSettings.js";
import type { PayloadStore } from "../largePayload/payloadStore.js";
import { pointerBody, SIZE_ATTRIBUTE_NAMES, SIZE_ATTRIBUTE_TYPE, type S3Location } from "../largePayload/pointerFormat.js";
import type { DocumentStage } from "../pipeline/documentStage.js";
import type { QueueInfo } from "../queueDirectory.js";
import { attributeBytes } from "./messageAttributes.js";
import type { StoredPayloads } from "./storedPayloads.js";

/** Where an offloaded body went. */
export interface StoredPayload extends S3Location {
  size: number;
}

/** A SendMessageBatch entry plus what send knows about its body (never sent to SQS). */
export interface SendEntry extends SendMessageBatchRequestEntry {
  /** Set by the preparer: the body goes to S3. */
  offload?: boolean;
}

export interface MessageSize {
  bodyBytes: number;
  attributesBytes: number;
  attributes: Record<string, MessageAttributeValue> | undefined;
}

/**
 * Whether a message goes as it is or through S3. Offloaded when `always`, or
 * when body plus attributes exceed the threshold: strictly more, as the
 * libraries compare (AmazonSQSExtendedClientUtil.isLarge: totalMsgSize >
 * payloadSizeThreshold); the threshold never exceeds the queue's maximum, since
 * a larger message could not go as it is. With largePayload set, the reserved
 * size attributes are refused in documents (a consumer would take the message
 * for a pointer), and the pointer's attribute must fit among SQS's 10.
 */
export function offloadDecision(settings: OffloadSettings, queue: QueueInfo, size: MessageSize): "inline" | "offload" | DocumentError {
  const names = Object.keys(size.attributes ?? {});
  const reserved = names.find((name) => SIZE_ATTRIBUTE_NAMES.includes(name));
  if (reserved !== undefined) {
    return documentError(
      "MESSAGE_ATTRIBUTE_NAME_INVALID",
      `The message attribute ${reserved} is reserved for large-payload pointers (AWS's Extended Client Library): rename it.`,
      { field: `messageAttributes/${reserved}` },
    );
  }
  const threshold = Math.min(settings.thresholdBytes ?? queue.maxMessageBytes, queue.maxMessageBytes);
  if (!settings.always && size.bodyBytes + size.attributesBytes <= threshold) return "inline";
  if (size.bodyBytes > settings.maxPayloadBytes) {
    return documentError(
      "PAYLOAD_TOO_LARGE",
      `The body is ${size.bodyBytes} bytes, more than largePayload.maxPayloadBytes (${settings.maxPayloadBytes}): raise it or split the document.`,
      { field: "body" },
    );
  }
  if (names.length > settings.attributesLeft) {
    return documentError(
      "MESSAGE_ATTRIBUTES_TOO_MANY",
      `A message whose body goes to S3 carries the size attribute ${settings.sizeAttribute}, so it may have at most ${settings.attributesLeft} attributes of its own (this one has ${names.length}).`,
      { field: "messageAttributes" },
    );
  }
  return "offload";
}

/**
 * The pipeline stage that stores marked bodies in S3 before their messages are
 * batched: a new key (prefix + UUID, as S3BackedPayloadStore and
 * AmazonSQSExtendedClient.storeOriginalPayload make them), the object written
 * first, then the entry rewritten to the pointer body with the size attribute
 * added. On a FIFO queue without an explicit deduplication id, the id becomes
 * the SHA-256 of the payload (what content-based deduplication would have
 * taken from the body), so a repeat of the document is still recognised
 * although every copy gets its own object.
 */
export function offloadStage(
  settings: OffloadSettings,
  queue: QueueInfo,
  store: PayloadStore,
  stored: StoredPayloads,
  limits: { concurrency: number; maxBytes: number },
): DocumentStage<SendEntry> {
  return {
    concurrency: limits.concurrency,
    maxBytes: limits.maxBytes,
    wants: (item) => item.entry.offload === true,
    async run(item, signal) {
      const { offload: _offload, ...entry } = item.entry;
      const payload = Buffer.from(entry.MessageBody ?? "", "utf8");
      const location = { bucket: settings.bucket, key: `${settings.keyPrefix}${randomUUID()}` };
      const body = pointerBody(location);
      const attributes = {
        ...entry.MessageAttributes,
        [settings.sizeAttribute]: { DataType: SIZE_ATTRIBUTE_TYPE, StringValue: String(payload.length) },
      };
      const bytes = Buffer.byteLength(body) + attributeBytes(attributes);
      if (bytes > queue.maxMessageBytes) {
        return {
          error: documentError(
            "MESSAGE_TOO_LARGE",
            `Even with its body in S3 the message is ${bytes} bytes (pointer plus attributes); queue ${queue.name} accepts at most ${queue.maxMessageBytes}: shorten the message attributes.`,
            { field: "messageAttributes" },
          ),
        };
      }
      const deduplicationId =
        queue.fifo && entry.MessageDeduplicationId === undefined
          ? createHash("sha256").update(payload).digest("hex")
          : entry.MessageDeduplicationId;
      const call = { expectedBucketOwner: settings.expectedBucketOwner, signal };
      try {
        await store.store(location, payload, call);
      } catch (error) {
        // A PutObject whose answer was lost may still have written the object: remove it, as no message will point at it.
        await store.remove(location, { expectedBucketOwner: settings.expectedBucketOwner }).catch(() => undefined);
        throw error;
      }
      stored.add(item.index, { ...location, size: payload.length });
      const rewritten: SendEntry = { ...entry, MessageBody: body, MessageAttributes: attributes };
      if (deduplicationId !== undefined) rewritten.MessageDeduplicationId = deduplicationId;
      return { item: { ...item, entry: rewritten, bytes } };
    },
  };
}
