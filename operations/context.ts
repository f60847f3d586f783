import type { SQSClient } from "@aws-sdk/client-sqs";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import type { S3Client } from "@aws-sdk/client-s3";
import type { ConnectorError } from "../core/errors.js";
import type { ResolvedHost } from "../core/host.js";
import { isFatal } from "../core/sqsErrors.js";
import type { KinesisLimits, S3Limits, SqsLimits } from "../core/manifest.js";
import type { SchemaRegistry } from "../core/schemaRegistry.js";
import type { Operation } from "../core/types.js";
import type { InFlightRegistry } from "./inFlightRegistry.js";
import type { BatchService } from "./pipeline/batchPipeline.js";
import type { QueueDirectory } from "./queueDirectory.js";
import type { StreamDirectory } from "./putRecords/streamDirectory.js";

/** The Kinesis client a connection owns and the SDK module its commands come from (both loaded on first use). */
export interface KinesisAccess {
  client: KinesisClient;
  sdk: typeof import("@aws-sdk/client-kinesis");
}

/** The S3 client a connection owns, the SDK module its commands come from, and lib-storage's multipart Upload (loaded on first use). */
export interface S3Access {
  client: S3Client;
  sdk: typeof import("@aws-sdk/client-s3");
  Upload: typeof import("@aws-sdk/lib-storage").Upload;
}

/** What a connection lends its operations: they borrow the clients, never own them. */
export interface OperationContext {
  client: SQSClient;
  queues: QueueDirectory;
  /** The Kinesis client, created on first use so SQS-only work never loads @aws-sdk/client-kinesis. */
  kinesis(): Promise<KinesisAccess>;
  streams: StreamDirectory;
  /** The S3 client for large payloads, created on first use so work without them never loads @aws-sdk/client-s3. */
  s3(): Promise<S3Access>;
  host: ResolvedHost;
  /** The connection's effective region. */
  region: string;
  limits: SqsLimits;
  kinesisLimits: KinesisLimits;
  s3Limits: S3Limits;
  registry: SchemaRegistry;
  /** The connection's per-request timeout; long polls add their wait time to it. */
  requestTimeoutMs: number;
  /** Messages the connection's listeners hold, so delete and changeVisibility can tell them. */
  inFlight: InFlightRegistry;
}

/** An operation module: validated config in, runnable operation out. */
export interface OperationDefinition<TConfig> {
  id: string;
  create(context: OperationContext, config: TConfig): Operation;
}

/** What batching needs to know of a service: its request limits, which failures stop a run, and how to name it. */
export interface BatchingService extends BatchService {
  maxEntries: number;
  maxBytes: number;
  isFatal: (error: ConnectorError) => boolean;
}

export function sqsBatching(limits: SqsLimits): BatchingService {
  return { name: "SQS", rejectedCode: "SQS_REQUEST_REJECTED", maxEntries: limits.batchMaxEntries, maxBytes: limits.batchMaxBytes, isFatal };
}

/** Documents pulled ahead of their results: enough to keep every batch slot busy, few enough to keep memory flat. */
export function pipelineWindow(concurrency: number, maxEntries: number): number {
  return Math.max(100, concurrency * maxEntries * 4);
}

/** The batch pipeline settings every batching operation shares (the service's limits, its config, the host's signal). */
export function batchingSettings(context: OperationContext, config: { concurrency: number; lingerMs: number }, service: BatchingService) {
  return {
    maxEntries: service.maxEntries,
    maxBytes: service.maxBytes,
    lingerMs: config.lingerMs,
    concurrency: config.concurrency,
    window: pipelineWindow(config.concurrency, service.maxEntries),
    isFatal: service.isFatal,
    service: { name: service.name, rejectedCode: service.rejectedCode },
    signal: context.host.signal,
  };
}
