/* Generated from schemas/ by `npm run generate`; do not edit. */

/**
 * Full queue URL, e.g. https://sqs.eu-central-1.amazonaws.com/123456789012/orders.fifo. Required when the connection may not call GetQueueUrl.
 */
export type QueueURL = string;
/**
 * Queue name; looked up with GetQueueUrl. Ignored when a queue URL is given.
 */
export type QueueName = string;
/**
 * 12-digit AWS account id that owns the queue, for cross-account queues looked up by name.
 */
export type QueueOwnerAccount = string;
/**
 * FIFO queues: group for documents that carry no messageGroupId and no value at messageGroupIdPointer.
 */
export type DefaultMessageGroupId = string;
/**
 * JSON pointer into a JSON body (e.g. /deviceId) whose value becomes the message group id.
 */
export type MessageGroupIdFromBody = string;
/**
 * How FIFO deduplication ids are chosen. Every choice reuses the same id when a document is retried.
 */
export type DeduplicationFIFO = "auto" | "contentBased" | "document" | "unique";
/**
 * JSON pointer into a JSON body (e.g. /recordKey) whose value becomes the deduplication id, so each record key is kept once.
 */
export type DeduplicationIdFromBody = string;
/**
 * Standard queues: default delay for documents without delaySeconds. FIFO queues take delay only from the queue.
 */
export type DelayS = number;
/**
 * How many messages of one FIFO message group may share a batch. 1 keeps each group's order even when SQS fails a single entry of a batch (batches still fill up from different groups). Up to 10 sends faster when only a few groups are active, but an entry SQS fails in the middle of a group's run is then overtaken by the entries after it.
 */
export type MessagesPerGroupPerBatchFIFO = number;
/**
 * How a document's body becomes the message body; receive's bodyEncoding reads it back the same way.
 */
export type BodyEncoding = "text" | "json" | "base64";
/**
 * The S3 bucket payloads are stored in.
 */
export type Bucket = string;
/**
 * Prefix of the object keys (e.g. payloads/): letters, digits and . / _ -, not starting with . or /, no "..", at most 988 characters (a key is the prefix plus a 36-character UUID).
 */
export type KeyPrefix = string;
/**
 * A message larger than this (body plus attributes, in bytes) is offloaded; default and cap: the queue's maximum message size.
 */
export type ThresholdBytes = number;
/**
 * Store every body in S3, whatever its size.
 */
export type AlwaysOffload = boolean;
/**
 * The reserved message attribute that holds the payload's size and marks the message as a pointer.
 */
export type SizeAttribute = "legacy" | "current";
/**
 * 12-digit account id the bucket must belong to (sent as ExpectedBucketOwner); S3 refuses the call otherwise.
 */
export type ExpectedBucketOwner = string;
/**
 * Bodies larger than this are refused (PAYLOAD_TOO_LARGE); default 256 MiB.
 */
export type LargestPayloadBytes = number;
/**
 * Requests in flight at once. auto: starts at 16 and adapts up to 64, growing while throughput grows and halving on throttling or server errors; a number pins it.
 */
export type Concurrency = number | "auto";
/**
 * How long a partly filled batch waits for more documents. auto: sent at once while nothing is in flight to its queue, else gathered for up to 20 ms; a number pins the wait.
 */
export type LingerMs = number | "auto";
/**
 * How often an entry that SQS failed for a retryable reason, or a batch that failed transiently, is sent (with the same ids).
 */
export type AttemptsPerBatchEntry = number;

/**
 * Where and how documents are sent as SQS messages.
 */
export interface SendConfiguration {
  queueUrl?: QueueURL;
  queueName?: QueueName;
  queueOwnerAccountId?: QueueOwnerAccount;
  messageGroupId?: DefaultMessageGroupId;
  messageGroupIdPointer?: MessageGroupIdFromBody;
  deduplication?: DeduplicationFIFO;
  messageDeduplicationIdPointer?: DeduplicationIdFromBody;
  delaySeconds?: DelayS;
  messagesPerGroupPerBatch?: MessagesPerGroupPerBatchFIFO;
  bodyEncoding?: BodyEncoding;
  largePayload?: LargePayloadsS3;
  concurrency?: Concurrency;
  lingerMs?: LingerMs;
  maxEntryAttempts?: AttemptsPerBatchEntry;
}
/**
 * Bodies that would make a message too large are stored in S3 and the message carries a pointer in the format of AWS's SQS Extended Client Library (Java and Python).
 */
export interface LargePayloadsS3 {
  bucket: Bucket;
  keyPrefix?: KeyPrefix;
  thresholdBytes?: ThresholdBytes;
  always?: AlwaysOffload;
  attributeName?: SizeAttribute;
  expectedBucketOwner?: ExpectedBucketOwner;
  maxPayloadBytes?: LargestPayloadBytes;
}
