/* Generated from schemas/ by `npm run generate`; do not edit. */

export interface DeletedMessage {
  deleted: true;
  queueUrl: string;
  messageId?: string;
}
