/* Generated from schemas/ by `npm run generate`; do not edit. */

export interface DeletedMessage {
  deleted: true;
  queueUrl: string;
  messageId?: string;
  /**
   * For a message whose body was in S3: its object, and whether it was removed after the message.
   */
  largePayload?: {
    bucket: string;
    key: string;
    removed: boolean;
    /**
     * Why the object was kept (retainPayloads, no largePayload configuration, or the S3 error).
     */
    reason?: string;
  };
}
