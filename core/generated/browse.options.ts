/* Generated from schemas/ by `npm run generate`; do not edit. */

export interface QueueListingOptions {
  prefix?: string;
  maxResults?: number;
  nextToken?: string;
}
