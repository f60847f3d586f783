/* Generated from schemas/ by `npm run generate`; do not edit. */

/**
 * The connection (schemas/connection.json) as an object, or the path of a connection file relative to the process file. --connection overrides it.
 */
export type Connection =
  | {
      [k: string]: unknown | undefined;
    }
  | string;
/**
 * Queue name; looked up with GetQueueUrl. Ignored when a queue URL is given.
 */
export type QueueName = string;
/**
 * Queues the embedded SQS creates before the steps run ("endpoint": "embedded" only); default: the queues the steps name.
 */
export type QueuesToCreate = {
  name: QueueName;
  attributes?: QueueAttributes;
}[];
export type StreamName = string;
/**
 * Default 1.
 */
export type Shards = number;
/**
 * Kinesis streams the embedded Kinesis creates before the steps run ("kinesisEndpoint": "embedded" only); default: the streams the steps name.
 */
export type StreamsToCreate = {
  name: StreamName;
  shardCount?: Shards;
}[];
/**
 * An S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.
 */
export type S3Bucket = string;
/**
 * S3 buckets the embedded emulator creates before the steps run ("endpoint" or "s3Endpoint": "embedded" only); default: the buckets the steps' largePayload names.
 */
export type BucketsToCreate = {
  name: S3Bucket;
}[];
/**
 * Run in order; each step's success documents are the next step's input.
 *
 * @minItems 1
 */
export type Steps = [
  {
    name?: StepName;
    operation: Operation;
    config?: OperationConfiguration;
    input?: InputDocuments;
  },
  ...{
    name?: StepName;
    operation: Operation;
    config?: OperationConfiguration;
    input?: InputDocuments;
  }[]
];
/**
 * Names the step in summaries and error lines (default: its number and operation).
 */
export type StepName = string;
/**
 * An operation id of manifest.json: send, receive, delete, putRecords.
 */
export type Operation = string;
/**
 * First step only: an array of documents, or the path of an NDJSON file relative to the process file. --input overrides it.
 */
export type InputDocuments = unknown[] | string;

/**
 * What `sqs-connector run PROCESS.json` runs: a connection, what the embedded emulators create, and steps piped one into the next.
 */
export interface ProcessFile {
  connection?: Connection;
  queues?: QueuesToCreate;
  streams?: StreamsToCreate;
  buckets?: BucketsToCreate;
  steps: Steps;
}
/**
 * CreateQueue attributes, e.g. {"ContentBasedDeduplication": "true"}; FifoQueue is set for .fifo names.
 */
export interface QueueAttributes {
  [k: string]: string | undefined;
}
/**
 * The operation's configuration (schemas/<operation>.config.json).
 */
export interface OperationConfiguration {
  [k: string]: unknown | undefined;
}
