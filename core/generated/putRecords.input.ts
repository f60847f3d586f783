/* Generated from schemas/ by `npm run generate`; do not edit. */

/**
 * The record's data: a string is written as its UTF-8 text, any other JSON value as its JSON text.
 */
export type Body = string | {} | unknown[] | number | boolean;
export type PartitionKey = string;
export type ExplicitHashKey = string;

/**
 * One record to write.
 */
export interface PutRecordsDocument {
  body: Body;
  partitionKey?: PartitionKey;
  explicitHashKey?: ExplicitHashKey;
}
