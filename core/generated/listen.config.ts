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
 * Most messages received and not yet settled. Polling pauses at the limit; nothing is received beyond what can be handed over.
 */
export type MessagesInFlight = number;
/**
 * How long one ReceiveMessage request waits for messages. A stop waits for a poll in flight (at most this long) and releases what it brought.
 */
export type LongPollWaitS = number;
/**
 * How long a received message stays hidden before the heartbeat extends it; also the length of each extension. Default: the queue's own (read with GetQueueAttributes).
 */
export type VisibilityTimeoutS = number;
/**
 * How bodies are decoded for the handler; a body that does not decode counts as a failure (backoff, then poison).
 */
export type BodyEncoding = "text" | "base64" | "json";
/**
 * How long the heartbeat keeps a handed-over message hidden. Afterwards it becomes visible again and a late outcome is reported as VISIBILITY_LIMIT_REACHED. Default: until shortly before SQS's 12-hour cap.
 */
export type MaxProcessingTimeS = number;
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
 * After a failure the message is visible again after min(base x 2^(receiveCount-1), max) seconds, unless the handler gives retryAfterSeconds.
 */
export type BackoffBaseS = number;
/**
 * Longest backoff after a failure.
 */
export type BackoffMaxS = number;
/**
 * A message received more often than this is poison: it is not handed over again, but moved to the dead-letter queue (when one is set) or reported as MESSAGE_POISONED and left to the queue's redrive policy.
 */
export type MaxReceives = number;
/**
 * Full queue URL, e.g. https://sqs.eu-central-1.amazonaws.com/123456789012/orders.fifo. Required when the connection may not call GetQueueUrl.
 */
export type QueueURL1 = string;
/**
 * Queue name; looked up with GetQueueUrl. Ignored when a queue URL is given.
 */
export type QueueName1 = string;
/**
 * When the listener is stopped, how long running handlers may still finish; then their messages are released (visible again at once).
 */
export type DrainTimeS = number;

/**
 * Which queue to listen to, how many messages may be worked on at once, and what happens after a failure.
 */
export interface ListenConfiguration {
  queueUrl?: QueueURL;
  queueName?: QueueName;
  queueOwnerAccountId?: QueueOwnerAccount;
  maxInFlight?: MessagesInFlight;
  waitTimeSeconds?: LongPollWaitS;
  visibilityTimeout?: VisibilityTimeoutS;
  bodyEncoding?: BodyEncoding;
  maxProcessingSeconds?: MaxProcessingTimeS;
  largePayload?: LargePayloadsS3;
  backoffBaseSeconds?: BackoffBaseS;
  backoffMaxSeconds?: BackoffMaxS;
  maxReceives?: MaxReceives;
  deadLetterQueueUrl?: QueueURL1;
  deadLetterQueueName?: QueueName1;
  drainSeconds?: DrainTimeS;
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
