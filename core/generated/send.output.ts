/* Generated from schemas/ by `npm run generate`; do not edit. */

export interface SentMessage {
  messageId: string;
  /**
   * FIFO queues only.
   */
  sequenceNumber?: string;
  md5OfMessageBody: string;
  md5OfMessageAttributes?: string;
}
