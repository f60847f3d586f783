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
 * Total messages to return; received 10 per request. The run also ends when a poll comes back empty.
 */
export type MessagesPerRun = number;
/**
 * How long one request waits for messages to arrive.
 */
export type LongPollWaitS = number;
/**
 * How long received messages stay hidden; defaults to the queue's setting.
 */
export type VisibilityTimeoutS = number;
export type SystemAttributes = (
  | "All"
  | "SenderId"
  | "SentTimestamp"
  | "ApproximateReceiveCount"
  | "ApproximateFirstReceiveTimestamp"
  | "SequenceNumber"
  | "MessageDeduplicationId"
  | "MessageGroupId"
  | "AWSTraceHeader"
  | "DeadLetterQueueSourceArn"
)[];
/**
 * Names to return; All, or prefixes like sensor.*
 */
export type MessageAttributes = string[];
export type BodyEncoding = "text" | "base64" | "json";
/**
 * Off (at-least-once): delete later with the delete operation after downstream success. On: each batch is deleted once the host has taken its documents.
 */
export type DeleteAfterReceive = boolean;
/**
 * The bucket payloads are read from (with keyPrefix: only keys under it).
 */
export type Bucket = string;
/**
 * Only keys under this prefix are read or deleted in bucket.
 */
export type KeyPrefix = string;
/**
 * More buckets pointers may name, each as bucket or bucket/keyPrefix (e.g. partner-payloads/orders/).
 *
 * @maxItems 100
 */
export type OtherAllowedBuckets = string[];
/**
 * 12-digit account id every bucket must belong to (sent as ExpectedBucketOwner); S3 refuses the call otherwise.
 */
export type ExpectedBucketOwner = string;
/**
 * Leave S3 objects in place when their message is deleted (another consumer, or a lifecycle rule, removes them).
 */
export type KeepPayloads = boolean;
/**
 * Larger objects are not fetched (PAYLOAD_TOO_LARGE); default 256 MiB.
 */
export type LargestPayloadBytes = number;
/**
 * Long polls in flight at once. auto: starts at 16 and adapts up to 64, growing while messages arrive faster and halving on throttling or server errors; a number pins it.
 */
export type Concurrency = number | "auto";

/**
 * Which queue to poll and how received messages are returned.
 */
export interface ReceiveConfiguration {
  queueUrl?: QueueURL;
  queueName?: QueueName;
  queueOwnerAccountId?: QueueOwnerAccount;
  maxMessages?: MessagesPerRun;
  waitTimeSeconds?: LongPollWaitS;
  visibilityTimeout?: VisibilityTimeoutS;
  attributeNames?: SystemAttributes;
  messageAttributeNames?: MessageAttributes;
  bodyEncoding?: BodyEncoding;
  deleteAfterReceive?: DeleteAfterReceive;
  largePayload?: LargePayloadsS3;
  concurrency?: Concurrency;
}
/**
 * Resolve pointer messages (AWS's SQS Extended Client Library format) from the buckets allowed here, and remove their objects after the message is deleted.
 */
export interface LargePayloadsS3 {
  bucket?: Bucket;
  keyPrefix?: KeyPrefix;
  allowedBuckets?: OtherAllowedBuckets;
  expectedBucketOwner?: ExpectedBucketOwner;
  retainPayloads?: KeepPayloads;
  maxPayloadBytes?: LargestPayloadBytes;
}
