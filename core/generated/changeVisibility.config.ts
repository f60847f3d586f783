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
 * Seconds from now until the message is visible again; 0 releases it at once. A document's own visibilityTimeout wins. SQS allows at most 12 hours counted from the receive that returned the message.
 */
export type VisibilityTimeoutS = number;
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
 * Sets how long received messages stay hidden: 0 releases them at once (another consumer may take them), more keeps them hidden longer. The queue may come from each document (a receive or listen document carries queueUrl).
 */
export interface ChangeVisibilityConfiguration {
  queueUrl?: QueueURL;
  queueName?: QueueName;
  queueOwnerAccountId?: QueueOwnerAccount;
  visibilityTimeout?: VisibilityTimeoutS;
  concurrency?: Concurrency;
  lingerMs?: LingerMs;
  maxEntryAttempts?: AttemptsPerBatchEntry;
}
