/* Generated from schemas/ by `npm run generate`; do not edit. */

export interface ChangedVisibility {
  /**
   * Seconds from the call until the message is visible again (0: released).
   */
  visibilityTimeout: number;
  queueUrl: string;
  messageId?: string;
}
