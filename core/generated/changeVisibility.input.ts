/* Generated from schemas/ by `npm run generate`; do not edit. */

/**
 * Full queue URL, e.g. https://sqs.eu-central-1.amazonaws.com/123456789012/orders.fifo. Required when the connection may not call GetQueueUrl.
 */
export type QueueURL = string;

/**
 * A receipt handle whose visibility to change; a receive or listen document works as is.
 */
export interface ChangeVisibilityDocument {
  /**
   * SQS's receipt handle (up to 1,024 characters), or one carrying an S3 pointer as receive, listen and AWS's Extended Client Library produce it; SQS's own handle is the one changed.
   */
  receiptHandle: string;
  queueUrl?: QueueURL;
  messageId?: string;
  /**
   * Overrides the configured visibilityTimeout for this message.
   */
  visibilityTimeout?: number;
  [k: string]: unknown | undefined;
}
