/* Generated from schemas/ by `npm run generate`; do not edit. */

export interface PutRecord {
  /**
   * The shard the record was written to.
   */
  shardId: string;
  /**
   * The record's sequence number in its shard.
   */
  sequenceNumber: string;
}
