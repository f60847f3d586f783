import { createHash, randomUUID } from "node:crypto";
import type { SendConfiguration } from "../../core/generated/send.config.js";
import type { SendDocument } from "../../core/generated/send.input.js";
import { documentError, type DocumentError } from "../../core/errors.js";
import type { SchemaRegistry } from "../../core/schemaRegistry.js";
import { validateAgainst } from "../../core/validation.js";
import { tooDeepBody } from "../bodyDepth.js";
import { bodyForPointers, idAtPointer } from "../jsonPointer.js";
import type { Prepared } from "../pipeline/batchPipeline.js";
import type { QueueInfo } from "../queueDirectory.js";
import { withEncodedBody } from "./bodyEncoding.js";
import type { OffloadSettings } from "../largePayload/payloadSettings.js";
import { attributeBytes, toSqsAttributes } from "./messageAttributes.js";
import { offloadDecision, type SendEntry } from "./payloadOffload.js";

export const SEND_INPUT_SCHEMA = "schemas/send.input.json";

/**
 * Turns one send document into a SendMessageBatch entry, or into the error that
 * explains why it cannot be sent. Everything SQS would refuse is caught here,
 * against the queue's own attributes, so a bad document never reaches a batch.
 * With `offload`, an entry too large to go as it is is marked for S3 instead.
 */
export function createSendPreparer(
  config: SendConfiguration,
  queue: QueueInfo,
  registry: SchemaRegistry,
  offload?: OffloadSettings,
): (document: unknown, index: number) => Prepared<SendEntry> {
  const idPattern = fifoIdPattern(registry);
  const usesPointers = config.messageGroupIdPointer !== undefined || config.messageDeduplicationIdPointer !== undefined;
  const { bodyMaxDepth } = registry.manifest.documentLimits;

  const encoding = config.bodyEncoding ?? "text";

  return (document, index) => {
    const tooDeep = tooDeepBody(document, bodyMaxDepth);
    if (tooDeep !== undefined) return { error: tooDeep };
    const validated = validateAgainst<SendDocument>(SEND_INPUT_SCHEMA, withEncodedBody(document, encoding), "DOCUMENT_INVALID", registry);
    if (!validated.ok) return { error: validated.error };
    const doc = validated.value;
    const body = typeof doc.body === "string" ? doc.body : JSON.stringify(doc.body);
    // Pointers read the body as the document gave it, before encoding.
    const parsedBody = usesPointers ? bodyForPointers((document as SendDocument).body) : undefined;

    const groupId = messageGroupId(doc, parsedBody, config, queue, idPattern);
    if (typeof groupId === "object") return { error: groupId };
    const dedupId = deduplicationId(doc, body, parsedBody, config, queue, idPattern);
    if (typeof dedupId === "object") return { error: dedupId };
    if (queue.fifo && doc.delaySeconds !== undefined) {
      return {
        error: documentError(
          "DELAY_NOT_ALLOWED_ON_FIFO",
          `delaySeconds cannot be set per message on FIFO queue ${queue.name}: remove it from the document and set DelaySeconds on the queue instead.`,
          { field: "delaySeconds" },
        ),
      };
    }
    const delaySeconds = queue.fifo ? undefined : (doc.delaySeconds ?? config.delaySeconds);

    const attributes = doc.messageAttributes === undefined ? undefined : toSqsAttributes(doc.messageAttributes);
    const bodyBytes = Buffer.byteLength(body);
    const attributesBytes = attributes === undefined ? 0 : attributeBytes(attributes);
    const bytes = bodyBytes + attributesBytes;
    const decision = offload === undefined ? "inline" : offloadDecision(offload, queue, { bodyBytes, attributesBytes, attributes });
    if (typeof decision === "object") return { error: decision };
    if (decision === "inline" && bytes > queue.maxMessageBytes) {
      return {
        error: documentError(
          "MESSAGE_TOO_LARGE",
          `The message is ${bytes} bytes (body ${bodyBytes} + attributes ${attributesBytes}); queue ${queue.name} accepts at most ${queue.maxMessageBytes}: shorten the body, or set largePayload to store large bodies in S3.`,
          { field: "body" },
        ),
      };
    }

    const entry: SendEntry = { Id: String(index), MessageBody: body };
    if (decision === "offload") entry.offload = true;
    if (groupId !== undefined) entry.MessageGroupId = groupId;
    if (dedupId !== undefined) entry.MessageDeduplicationId = dedupId;
    if (delaySeconds !== undefined) entry.DelaySeconds = delaySeconds;
    if (attributes !== undefined) entry.MessageAttributes = attributes;
    return { item: { index, entry, bytes, batchKey: queue.url, orderKey: queue.fifo ? groupId : undefined } };
  };
}

function messageGroupId(
  doc: SendDocument,
  parsedBody: unknown,
  config: SendConfiguration,
  queue: QueueInfo,
  idPattern: RegExp,
): string | undefined | DocumentError {
  if (doc.messageGroupId !== undefined) return doc.messageGroupId;
  const pointer = config.messageGroupIdPointer;
  const fromBody = idFromBody(parsedBody, pointer, idPattern, "MESSAGE_GROUP_ID_INVALID", "a message group id", "messageGroupIdPointer");
  if (fromBody !== undefined) return fromBody;
  if (config.messageGroupId !== undefined) return config.messageGroupId;
  if (!queue.fifo) return undefined;
  const where = pointer === undefined ? "" : ` (the body has no value at ${pointer})`;
  return documentError(
    "MESSAGE_GROUP_ID_REQUIRED",
    `FIFO queue ${queue.name} needs a message group id${where}: set messageGroupId in the document, messageGroupIdPointer, or a default messageGroupId in the send configuration.`,
    { field: "messageGroupId" },
  );
}

function deduplicationId(
  doc: SendDocument,
  body: string,
  parsedBody: unknown,
  config: SendConfiguration,
  queue: QueueInfo,
  idPattern: RegExp,
): string | undefined | DocumentError {
  if (!queue.fifo) {
    if (doc.messageDeduplicationId === undefined) return undefined;
    return documentError(
      "DEDUPLICATION_ID_NOT_ALLOWED",
      `messageDeduplicationId only applies to FIFO queues and ${queue.name} is a standard queue: remove it, or send to a .fifo queue.`,
      { field: "messageDeduplicationId" },
    );
  }
  if (doc.messageDeduplicationId !== undefined) return doc.messageDeduplicationId;
  const pointer = config.messageDeduplicationIdPointer;
  const fromBody = idFromBody(
    parsedBody,
    pointer,
    idPattern,
    "DEDUPLICATION_ID_INVALID",
    "a deduplication id",
    "messageDeduplicationIdPointer",
  );
  if (fromBody !== undefined) return fromBody;
  switch (config.deduplication) {
    case "unique":
      return randomUUID();
    case "document":
      return documentError(
        "DEDUPLICATION_ID_REQUIRED",
        `deduplication is "document", so every document needs an id: set messageDeduplicationId${pointer === undefined ? "" : ` or a value at ${pointer} in the body`}.`,
        { field: "messageDeduplicationId" },
      );
    case "contentBased":
      if (queue.contentBasedDeduplication === false) {
        return documentError(
          "DEDUPLICATION_ID_REQUIRED",
          `FIFO queue ${queue.name} has no content-based deduplication: enable it on the queue, give messageDeduplicationId, or choose deduplication "auto".`,
          { field: "messageDeduplicationId" },
        );
      }
      return undefined;
    default:
      // The same rule SQS applies with content-based deduplication: the body's SHA-256.
      return queue.contentBasedDeduplication === true ? undefined : createHash("sha256").update(body).digest("hex");
  }
}

/** The id at a configured body pointer, checked against the FIFO id rule; undefined when there is no value. */
function idFromBody(
  parsedBody: unknown,
  pointer: string | undefined,
  idPattern: RegExp,
  code: "MESSAGE_GROUP_ID_INVALID" | "DEDUPLICATION_ID_INVALID",
  what: string,
  field: string,
): string | undefined | DocumentError {
  const id = pointer === undefined ? undefined : idAtPointer(parsedBody, pointer);
  if (id === undefined || idPattern.test(id)) return id;
  return documentError(
    code,
    `The body's value at ${pointer} cannot be ${what} (1-128 letters, digits and ASCII punctuation): fix the record or choose another ${field}.`,
    { field },
  );
}

/** The id rule (group and deduplication ids) as the send input schema states it. */
function fifoIdPattern(registry: SchemaRegistry): RegExp {
  const schema = registry.schemas.get(SEND_INPUT_SCHEMA) as { properties: { messageGroupId: { pattern: string } } };
  return new RegExp(schema.properties.messageGroupId.pattern, "u");
}
