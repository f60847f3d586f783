/* Generated from schemas/ by `npm run generate`; do not edit. */

/**
 * Name of the Kinesis data stream in the connection's region and account.
 */
export type StreamName = string;
/**
 * arn:aws:kinesis:<region>:<account>:stream/<name>, e.g. for a stream shared from another account; its region must be the connection's. Wins over streamName.
 */
export type StreamARN = string;
/**
 * JSON pointer into a JSON body (e.g. /deviceId) whose value becomes the partition key, so each device's records stay in order on one shard.
 */
export type PartitionKeyFromBody = string;
/**
 * Partition key for documents that carry none and have no value at partitionKeyPointer.
 */
export type DefaultPartitionKey = string;
/**
 * JSON pointer into a JSON body whose value (a decimal number 0..2^128-1) picks the shard instead of the partition key's hash.
 */
export type ExplicitHashKeyFromBody = string;
/**
 * Kinesis reports each record of a request separately, so a record it failed and that is retried would land after the records sent with it. With partitionKey, a request carries at most one record per partition key and a key is never in two requests at once.
 */
export type Ordering = "partitionKey" | "none";
/**
 * Requests in flight at once. auto: starts at 16 and adapts up to 64, growing while throughput grows and halving on throttling or server errors; a number pins it.
 */
export type Concurrency = number | "auto";
/**
 * How long a partly filled batch waits for more documents. auto: sent at once while nothing is in flight to its queue, else gathered for up to 20 ms; a number pins the wait.
 */
export type LingerMs = number | "auto";
/**
 * How often a record Kinesis failed for a retryable reason (ProvisionedThroughputExceededException, InternalFailure), or a request that failed transiently, is sent.
 */
export type AttemptsPerRecord = number;

/**
 * Which Kinesis data stream the documents go to, and how each becomes a record.
 */
export interface PutRecordsConfiguration {
  streamName?: StreamName;
  streamArn?: StreamARN;
  partitionKeyPointer?: PartitionKeyFromBody;
  partitionKey?: DefaultPartitionKey;
  explicitHashKeyPointer?: ExplicitHashKeyFromBody;
  ordering?: Ordering;
  concurrency?: Concurrency;
  lingerMs?: LingerMs;
  maxRecordAttempts?: AttemptsPerRecord;
}
