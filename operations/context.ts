import type { SQSClient } from "@aws-sdk/client-sqs";
import type { ResolvedHost } from "../core/host.js";
import { isFatal } from "../core/sqsErrors.js";
import type { SqsLimits } from "../core/manifest.js";
import type { SchemaRegistry } from "../core/schemaRegistry.js";
import type { Operation } from "../core/types.js";
import type { QueueDirectory } from "./queueDirectory.js";

/** What a connection lends its operations: they borrow the client, never own it. */
export interface OperationContext {
  client: SQSClient;
  queues: QueueDirectory;
  host: ResolvedHost;
  limits: SqsLimits;
  registry: SchemaRegistry;
  /** The connection's per-request timeout; long polls add their wait time to it. */
  requestTimeoutMs: number;
}

/** An operation module: validated config in, runnable operation out. */
export interface OperationDefinition<TConfig> {
  id: string;
  create(context: OperationContext, config: TConfig): Operation;
}

/** Documents pulled ahead of their results: enough to keep every batch slot busy, few enough to keep memory flat. */
export function pipelineWindow(concurrency: number, maxEntries: number): number {
  return Math.max(100, concurrency * maxEntries * 4);
}

/** The batch pipeline settings every batching operation shares (service limits, its config, the host's signal). */
export function batchingSettings(context: OperationContext, config: { concurrency: number; lingerMs: number }) {
  const maxEntries = context.limits.batchMaxEntries;
  return {
    maxEntries,
    maxBytes: context.limits.batchMaxBytes,
    lingerMs: config.lingerMs,
    concurrency: config.concurrency,
    window: pipelineWindow(config.concurrency, maxEntries),
    isFatal,
    signal: context.host.signal,
  };
}
