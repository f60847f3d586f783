/* Generated from schemas/ by `npm run generate`; do not edit. */

/**
 * Full queue URL, e.g. https://sqs.eu-central-1.amazonaws.com/123456789012/orders.fifo. Required when the connection may not call GetQueueUrl.
 */
export type QueueURL = string;

/**
 * A receipt handle to delete; a receive result works as is.
 */
export interface DeleteDocument {
  receiptHandle: string;
  queueUrl?: QueueURL;
  messageId?: string;
  [k: string]: unknown | undefined;
}
