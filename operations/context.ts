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
import { AdaptiveConcurrency, fixedConcurrency, type ConcurrencyLimit, type CongestionSignal } from "./pipeline/concurrencyLimit.js";
import { adaptiveLinger, fixedLinger } from "./pipeline/lingerPolicy.js";
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
  /** Throttling and server errors the connection's client has met: adaptive concurrency backs off on them. */
  congestion: CongestionSignal;
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

/**
 * Documents pulled ahead of their results: two rounds of the batches allowed in
 * flight, enough to keep every slot busy while a slow batch holds up in-order
 * results, few enough that documents rarely live long enough for V8 to move
 * them to its old generation (what made peak memory grow with the run's
 * length; BENCHMARKS.md, memory).
 */
export function pipelineWindow(concurrency: number, maxEntries: number): number {
  return Math.max(100, concurrency * maxEntries * 2);
}

/** The batch pipeline settings every batching operation shares (the service's limits, its config, the host's signal). */
export function batchingSettings(
  context: Pick<OperationContext, "registry" | "host" | "congestion">,
  config: { concurrency: number | "auto"; lingerMs: number | "auto" },
  service: BatchingService,
) {
  const auto = context.registry.manifest.auto;
  return {
    maxEntries: service.maxEntries,
    maxBytes: service.maxBytes,
    lingerMs: config.lingerMs === "auto" ? adaptiveLinger(auto.lingerMs.maximum) : fixedLinger(config.lingerMs),
    concurrency: concurrencyLimit(context, config.concurrency),
    window: (concurrency: number) => pipelineWindow(concurrency, service.maxEntries),
    isFatal: service.isFatal,
    service: { name: service.name, rejectedCode: service.rejectedCode },
    signal: context.host.signal,
  };
}

/** A run's limit on requests in flight: a pinned number, or `"auto"` within the manifest's bounds. One per run. */
export function concurrencyLimit(context: Pick<OperationContext, "registry" | "congestion">, setting: number | "auto"): ConcurrencyLimit {
  return setting === "auto"
    ? new AdaptiveConcurrency(context.registry.manifest.auto.concurrency, context.congestion)
    : fixedConcurrency(setting);
}
