/* Generated from schemas/ by `npm run generate`; do not edit. */

export interface QueueListingOptions {
  /**
   * What to list: SQS queues, or Kinesis data streams.
   */
  resource?: "queues" | "streams";
  prefix?: string;
  maxResults?: number;
  nextToken?: string;
}
