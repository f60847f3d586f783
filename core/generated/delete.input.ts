/* Generated from schemas/ by `npm run generate`; do not edit. */

/**
 * Full queue URL, e.g. https://sqs.eu-central-1.amazonaws.com/123456789012/orders.fifo. Required when the connection may not call GetQueueUrl.
 */
export type QueueURL = string;

/**
 * A receipt handle to delete; a receive result works as is.
 */
export interface DeleteDocument {
  /**
   * SQS's receipt handle (up to 1,024 characters), or one carrying an S3 pointer as receive and AWS's Extended Client Library produce it (-..s3BucketName..-<bucket>-..s3BucketName..--..s3Key..-<key>-..s3Key..-<handle>).
   */
  receiptHandle: string;
  queueUrl?: QueueURL;
  messageId?: string;
  [k: string]: unknown | undefined;
}
