/* What the batch pipeline (batchPipeline.ts) takes: its items and its options. */
import type { ErrorCode } from "../../core/errorCodes.js";
import type { ConnectorError, DocumentError } from "../../core/errors.js";
import type { OperationResult } from "../../core/types.js";
import type { ConcurrencyLimit } from "./concurrencyLimit.js";
import type { DocumentStage } from "./documentStage.js";
import type { LingerPolicy } from "./lingerPolicy.js";

/** A document turned into a batch entry, with what batching needs to know about it. */
export interface PipelineItem<E> {
  index: number;
  entry: E;
  bytes: number;
  /** Items in one batch share this key (e.g. the queue URL). */
  batchKey: string;
  /** Items with the same key are sent in input order and never in two batches at once (a FIFO group). */
  orderKey: string | undefined;
}

export type Prepared<E> = { item: PipelineItem<E> } | { error: DocumentError };

export interface BatchPipelineOptions<E> {
  maxEntries: number;
  maxBytes: number;
  /** How long a partly filled batch waits for more documents: a number pins it, a policy decides per batch (lingerPolicy.ts). */
  lingerMs: number | LingerPolicy;
  /** Batches in flight at most: a number pins it, a limit may adapt (concurrencyLimit.ts). */
  concurrency: number | ConcurrencyLimit;
  /** Most items of one order key in a single batch (default: a full batch). */
  maxPerOrderKey?: number;
  /**
   * Most documents pulled from the input whose results have not been taken yet
   * (bounds memory): a number, or one for the batches the concurrency limit
   * allows now, so an adaptive limit pulls ahead only as far as it sends.
   */
  window: number | ((concurrency: number) => number);
  /** Most bytes of pulled documents whose results have not been taken yet (large records), fixed or for the limit now; unbounded when absent. */
  windowBytes?: number | ((concurrency: number) => number);
  prepare(document: unknown, index: number): Prepared<E>;
  /** An optional asynchronous step between prepare and batching (see DocumentStage). */
  stage?: DocumentStage<E> | undefined;
  /** Sends one batch; returns one result per item. Throws a fatal ConnectorError to stop the operation. */
  send(items: PipelineItem<E>[], signal: AbortSignal): Promise<OperationResult[]>;
  isFatal(error: ConnectorError): boolean;
  /** The service, for failures nothing else explains: its name and its code for an unclassified refusal. */
  service: BatchService;
  signal?: AbortSignal | undefined;
}

export interface BatchService {
  name: string;
  rejectedCode: ErrorCode;
}
