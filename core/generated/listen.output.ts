/* Generated from schemas/ by `npm run generate`; do not edit. */

/**
 * One per settlement that acknowledged a message (its handler succeeded and it was deleted). Failures are error results whose details carry the same fields.
 */
export interface SettledMessage {
  messageId: string;
  outcome: "acknowledged";
  queueUrl: string;
  /**
   * ApproximateReceiveCount of this delivery.
   */
  receiveCount: number;
  /**
   * Identifies this delivery (a standard queue can deliver one message twice at once).
   */
  deliveryId: string;
  messageGroupId?: string;
  /**
   * For a message whose body was in S3: its object, and whether it was removed after the message.
   */
  largePayload?: {
    bucket: string;
    key: string;
    removed: boolean;
    reason?: string;
  };
}
