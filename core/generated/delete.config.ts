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
 * Requests in flight at once.
 */
export type Concurrency = number;
/**
 * How long a partly filled batch waits for more documents before it is sent.
 */
export type LingerMs = number;
export type AttemptsPerBatchEntry = number;

/**
 * Deletes received messages by receipt handle. The queue may come from each document (a receive result carries queueUrl).
 */
export interface DeleteConfiguration {
  queueUrl?: QueueURL;
  queueName?: QueueName;
  queueOwnerAccountId?: QueueOwnerAccount;
  concurrency?: Concurrency;
  lingerMs?: LingerMs;
  maxEntryAttempts?: AttemptsPerBatchEntry;
}
