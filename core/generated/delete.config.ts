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
 * Requests in flight at once. auto: starts at 16 and adapts up to 64, growing while throughput grows and halving on throttling or server errors; a number pins it.
 */
export type Concurrency = number | "auto";
/**
 * How long a partly filled batch waits for more documents. auto: sent at once while nothing is in flight to its queue, else gathered for up to 20 ms; a number pins the wait.
 */
export type LingerMs = number | "auto";
export type AttemptsPerBatchEntry = number;

/**
 * Deletes received messages by receipt handle. The queue may come from each document (a receive result carries queueUrl).
 */
export interface DeleteConfiguration {
  queueUrl?: QueueURL;
  queueName?: QueueName;
  queueOwnerAccountId?: QueueOwnerAccount;
  largePayload?: LargePayloadsS3;
  concurrency?: Concurrency;
  lingerMs?: LingerMs;
  maxEntryAttempts?: AttemptsPerBatchEntry;
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
