/* Generated from schemas/ by `npm run generate`; do not edit. */

export interface SentMessage {
  messageId: string;
  /**
   * FIFO queues only.
   */
  sequenceNumber?: string;
  md5OfMessageBody: string;
  md5OfMessageAttributes?: string;
  /**
   * Set when the body was stored in S3 and the message carries a pointer to it.
   */
  largePayload?: {
    bucket: string;
    key: string;
    /**
     * The payload's size in bytes (UTF-8).
     */
    size: number;
  };
}
