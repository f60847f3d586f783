import type { BatchResultErrorEntry } from "@aws-sdk/client-sqs";
import { ConnectorError, documentError } from "../core/errors.js";
import { batchEntryError } from "../core/sqsErrors.js";
import type { Documents, Operation, OperationResult } from "../core/types.js";
import { validateAgainst } from "../core/validation.js";
import { batchingSettings, sqsBatching, type OperationContext } from "./context.js";
import type { ExternalSettlement, InFlightRegistry } from "./inFlightRegistry.js";
import type { PayloadReading } from "./largePayload/payloadReading.js";
import { planRelease, type Release } from "./largePayload/payloadRelease.js";
import { callWithRetries, type BatchAction } from "./pipeline/batchCall.js";
import { runBatchPipeline, type PipelineItem, type Prepared } from "./pipeline/batchPipeline.js";
import { sqsBatchAction } from "./sqsBatchAction.js";

/** A receipt-handle document after validation: what delete and changeVisibility read from it. */
export interface ReceiptDocument {
  receiptHandle: string;
  queueUrl?: string;
  messageId?: string;
  visibilityTimeout?: number;
}

/** A batch entry plus what the result echoes (not sent to SQS). */
export interface ReceiptEntry {
  Id: string;
  ReceiptHandle: string;
  messageId?: string;
  /** changeVisibility: the document's override, else the configured value. */
  visibilityTimeout?: number;
  /** delete: the S3 object of a pointer message, removed after the message. */
  payload?: Release["payload"];
}

/** What distinguishes one receipt-handle batch action (DeleteMessageBatch, ChangeMessageVisibilityBatch) from another. */
export interface ReceiptAction {
  /** The operation id. */
  id: string;
  /** The SQS API, for error messages. */
  name: string;
  inputSchema: string;
  /** Fills the entry's action-specific fields from the document. */
  entry(document: ReceiptDocument): Pick<ReceiptEntry, "visibilityTimeout">;
  call(
    queueUrl: string,
    entries: ReceiptEntry[],
    signal: AbortSignal,
  ): Promise<{ successful: Array<{ Id: string | undefined }>; failed: BatchResultErrorEntry[] }>;
  toDocument(entry: ReceiptEntry, queueUrl: string): unknown;
  /** What a success means for a listener holding the message. */
  settlement(entry: ReceiptEntry): ExternalSettlement;
  /** The verb for error messages ("delete", "change the visibility of"). */
  verb: string;
  /** delete: the large-payload settings whose objects go with their messages (changeVisibility touches no object). */
  payloads?: PayloadReading;
}

export interface ReceiptSinkConfig {
  queueUrl?: string | undefined;
  queueName?: string | undefined;
  queueOwnerAccountId?: string | undefined;
  concurrency: number | "auto";
  lingerMs: number | "auto";
  maxEntryAttempts: number;
}

/**
 * A sink that acts on receipt handles in batches (delete, changeVisibility). Each
 * document may carry its own queueUrl (receive and listen documents do), which
 * wins over the configured queue; batches never mix queues. A handle carrying
 * an S3 pointer (large payloads) goes to SQS as SQS's own handle; delete then
 * removes the object. With a registry, a listener holding one of the messages
 * is told before the call (its heartbeat pauses) and after it (the message is
 * settled, or kept).
 */
export function receiptSink(
  context: OperationContext,
  config: ReceiptSinkConfig,
  action: ReceiptAction,
  registry: InFlightRegistry | undefined,
): Operation {
  return {
    id: action.id,
    async *execute(documents: Documents = []): AsyncGenerator<OperationResult> {
      const hasQueue = config.queueUrl !== undefined || config.queueName !== undefined;
      const configuredUrl = hasQueue ? await context.queues.url(config) : undefined;
      const batchAction = receiptBatchAction(action, config.maxEntryAttempts);
      yield* runBatchPipeline(documents, {
        ...batchingSettings(context, config, sqsBatching(context.limits)),
        prepare: (document, index) => prepareReceipt(document, index, configuredUrl, action, context),
        send: async (items, signal) => {
          const results =
            registry === undefined
              ? await callWithRetries(items, batchAction, signal)
              : await reported(items, batchAction, signal, registry, action);
          // Objects go after their messages, never before: a failed delete must not leave a message without its payload.
          if (action.payloads === undefined) return results;
          return action.payloads.releaser.afterBatch(
            items.map((item) => ({ index: item.index, payload: item.entry.payload })),
            results,
            signal,
          );
        },
      });
    },
  };
}

/** Runs a batch with the registry told before and after, so a listener never extends a message being released. */
async function reported(
  items: PipelineItem<ReceiptEntry>[],
  batchAction: BatchAction<ReceiptEntry>,
  signal: AbortSignal,
  registry: InFlightRegistry,
  action: ReceiptAction,
): Promise<OperationResult[]> {
  await registry.beforeSettle(items.map((item) => item.entry.ReceiptHandle));
  let results: OperationResult[] = [];
  try {
    results = await callWithRetries(items, batchAction, signal);
  } finally {
    const byIndex = new Map(results.map((result) => [result.index, result]));
    for (const item of items) {
      const applied = byIndex.get(item.index)?.status === "success";
      registry.afterSettle(item.entry.ReceiptHandle, applied ? action.settlement(item.entry) : undefined);
    }
  }
  return results;
}

function prepareReceipt(
  document: unknown,
  index: number,
  configuredUrl: string | undefined,
  action: ReceiptAction,
  context: OperationContext,
): Prepared<ReceiptEntry> {
  const validated = validateAgainst<ReceiptDocument>(action.inputSchema, document, "DOCUMENT_INVALID", context.registry);
  if (!validated.ok) return { error: validated.error };
  const doc = validated.value;
  if (doc.queueUrl !== undefined) {
    // A document's queue URL must name the connection's SQS, like a configured one.
    try {
      context.queues.check(doc.queueUrl);
    } catch (error) {
      if (error instanceof ConnectorError) return { error: error.toDocumentError() };
      throw error;
    }
  }
  const queueUrl = doc.queueUrl ?? configuredUrl;
  if (queueUrl === undefined) {
    return {
      error: documentError(
        "DOCUMENT_INVALID",
        "queueUrl is missing: the document names no queue and the configuration has neither queueUrl nor queueName.",
        { field: "queueUrl" },
      ),
    };
  }
  const release = planRelease(doc.receiptHandle, action.payloads?.settings);
  if ("error" in release) return release;
  const entry: ReceiptEntry = { Id: String(index), ReceiptHandle: release.receiptHandle, ...action.entry(doc) };
  if (typeof doc.messageId === "string") entry.messageId = doc.messageId;
  if (action.payloads !== undefined && release.payload !== undefined) entry.payload = release.payload;
  return { item: { index, entry, bytes: Buffer.byteLength(release.receiptHandle), batchKey: queueUrl, orderKey: undefined } };
}

function receiptBatchAction(action: ReceiptAction, maxAttempts: number): BatchAction<ReceiptEntry> {
  return sqsBatchAction({
    name: action.name,
    maxAttempts,
    // A batch never mixes queues: its batch key is the queue URL.
    call: (items, signal) =>
      action.call(
        items[0]!.batchKey,
        items.map((item) => item.entry),
        signal,
      ),
    toDocument: (_success, item: PipelineItem<ReceiptEntry>) => action.toDocument(item.entry, item.batchKey),
    entryError: (failure) => batchEntryError(failure, `SQS refused to ${action.verb} this message`, "receiptHandle"),
  });
}
