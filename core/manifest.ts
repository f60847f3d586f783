import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface OperationDescriptor {
  id: string;
  title: string;
  description: string;
  /**
   * `sink`: one result per input document. `source`: produces documents, ignores input.
   * `listener`: long-running; hands each message (`delivery`) to a handler and yields one
   * result (`output`) per settlement. Hosts that do not know a kind must not offer it.
   */
  kind: "sink" | "source" | "listener";
  config: string;
  input?: string;
  output: string;
  /** Listeners: the document a handler gets for each message. */
  delivery?: string;
  iamActions: string[];
  iamActionsRequired: string[];
}

export interface SqsLimits {
  batchMaxEntries: number;
  batchMaxBytes: number;
  messageMaxBytesFallback: number;
  /** Longest visibility SQS grants a received message, counted from the receive that returned it. */
  visibilityTimeoutMaxSeconds: number;
  /** SQS's default visibility timeout: what a listener uses when the queue's own cannot be read. */
  visibilityTimeoutFallbackSeconds: number;
  /** Message attributes SQS accepts on one message. */
  messageAttributesMax: number;
}

/** Limits of the connector's own, beyond SQS's. */
export interface DocumentLimits {
  /** Deepest nesting of a JSON body (send) or a decoded one (receive): deeper ones cannot be serialised safely, nor read by common JSON readers. */
  bodyMaxDepth: number;
}

/** Kinesis Data Streams' PutRecords limits (manifest.json "kinesisLimits"). */
export interface KinesisLimits {
  requestMaxRecords: number;
  /** Data plus partition keys of one PutRecords request. */
  requestMaxBytes: number;
  /** A record's data plus partition key where the stream does not report MaxRecordSizeInKiB. */
  recordMaxBytesFallback: number;
  partitionKeyMaxLength: number;
  /** The largest explicit hash key, 2^128 - 1, as decimal text. */
  explicitHashKeyMax: string;
}

/** What the connector holds to for large payloads in S3 (manifest.json "s3Limits"). */
export interface S3Limits {
  /** Part size of multipart uploads: S3 takes 5 MiB at least; the embedded emulator about 11 MiB per request at most. */
  uploadPartBytes: number;
  /** Parts of one upload in flight at once. */
  uploadConcurrency: number;
  /** Payloads one run stores (send) or reads (receive, listen) at once. */
  payloadConcurrency: number;
  /** Bytes of bodies send holds for storing at once (a larger single body is still taken, alone): bounds memory. */
  offloadMaxBytes: number;
}

/** What `"auto"` means for `concurrency` and `lingerMs`: the bounds the connector adapts within. */
export interface AutoSettings {
  /** Requests in flight: where adaptation starts and the most it may reach (operations/pipeline/concurrencyLimit.ts). */
  concurrency: { initial: number; maximum: number };
  /** The longest a partial batch gathers while requests to its queue are in flight (operations/pipeline/lingerPolicy.ts). */
  lingerMs: { maximum: number };
}

export interface Manifest {
  id: string;
  name: string;
  version: string;
  contractVersion: number;
  description: string;
  connection: {
    schema: string;
    test: { report: string };
    browse: { options: string; output: string };
  };
  result: string;
  operations: OperationDescriptor[];
  sqsLimits: SqsLimits;
  documentLimits: DocumentLimits;
  kinesisLimits: KinesisLimits;
  s3Limits: S3Limits;
  auto: AutoSettings;
}

/** The package root: the nearest directory above this module that holds manifest.json. */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "manifest.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("manifest.json not found above " + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

export function readManifest(root = packageRoot()): Manifest {
  return JSON.parse(readFileSync(path.join(root, "manifest.json"), "utf8")) as Manifest;
}

/** Every schema file, keyed by its path relative to the package root (as the manifest names them). */
export function readSchemas(root = packageRoot()): Map<string, Record<string, unknown>> {
  const schemas = new Map<string, Record<string, unknown>>();
  for (const file of readdirSync(path.join(root, "schemas"))
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    schemas.set(`schemas/${file}`, JSON.parse(readFileSync(path.join(root, "schemas", file), "utf8")) as Record<string, unknown>);
  }
  return schemas;
}
