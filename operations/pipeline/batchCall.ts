import type { BatchResultErrorEntry } from "@aws-sdk/client-sqs";
import { ERROR_CODES } from "../../core/errorCodes.js";
import { documentError, type DocumentError } from "../../core/errors.js";
import { isAboutADocument, sqsErrorMeaning } from "../../core/sqsErrorCatalogue.js";
import { isRetryableEntry, sqsError } from "../../core/sqsErrors.js";
import type { OperationResult } from "../../core/types.js";
import { batchEntryRetry, retryDelayMs, sleep } from "../../core/retryPolicy.js";
import type { PipelineItem } from "./batchPipeline.js";

export interface BatchReply<S> {
  successful: S[];
  failed: BatchResultErrorEntry[];
}

/** One SQS batch action (SendMessageBatch, DeleteMessageBatch) as the retry loop sees it. */
export interface BatchAction<E extends { Id: string | undefined }, S extends { Id: string | undefined }> {
  name: string;
  call(items: PipelineItem<E>[], signal: AbortSignal): Promise<BatchReply<S>>;
  toDocument(success: S, item: PipelineItem<E>): unknown;
  /** The error for an entry SQS refused for a reason of the sender's (not retried; throttled entries are). */
  entryError(failure: BatchResultErrorEntry): DocumentError;
  maxAttempts: number;
  isFatal(error: ReturnType<typeof sqsError>): boolean;
}

/**
 * Sends a batch and retries what can be retried, always with the same entries
 * (same ids, same deduplication ids), so a retry after an ambiguous failure is
 * recognised by SQS rather than duplicated on FIFO queues. Entries SQS failed
 * on the server's side and batches that failed transiently are retried with
 * backoff. A batch refused as a whole for something a document holds (its size,
 * its characters, a receipt handle) is split so one bad entry cannot fail its
 * neighbours; a refusal that is not about a document (credentials, clock, an
 * unknown reason) is not, since splitting would only repeat it per document.
 * Fatal errors (credentials, missing queue) are thrown.
 */
export async function callWithRetries<E extends { Id: string | undefined }, S extends { Id: string | undefined }>(
  items: PipelineItem<E>[],
  action: BatchAction<E, S>,
  signal: AbortSignal,
): Promise<OperationResult[]> {
  const results: OperationResult[] = [];
  const policy = batchEntryRetry(action.maxAttempts);
  let remaining = items;
  for (let attempt = 1; remaining.length > 0; attempt++) {
    if (attempt > 1) await sleep(retryDelayMs(policy, attempt - 1), signal);
    const last = attempt >= policy.attempts || signal.aborted;
    let reply: BatchReply<S>;
    try {
      reply = await action.call(remaining, signal);
    } catch (thrown) {
      const failure = sqsError(thrown, action.name);
      if (action.isFatal(failure)) throw failure;
      if (failure.retryable && !last) continue;
      if (!failure.retryable && remaining.length > 1 && isAboutADocument(failure.code)) {
        // Refused as a whole for one document's sake: send entries one by one so only the bad one fails.
        for (const item of remaining) results.push(...(await callWithRetries([item], action, signal)));
        return results;
      }
      for (const item of remaining) results.push({ index: item.index, status: "error", error: failure.toDocumentError() });
      return results;
    }
    const byId = new Map(remaining.map((item) => [item.entry.Id, item]));
    for (const success of reply.successful) {
      const item = byId.get(success.Id);
      if (item === undefined) continue;
      byId.delete(success.Id);
      results.push({ index: item.index, status: "success", document: action.toDocument(success, item) });
    }
    const retry: PipelineItem<E>[] = [];
    for (const failure of reply.failed) {
      const item = byId.get(failure.Id);
      if (item === undefined) continue;
      byId.delete(failure.Id);
      if (!isRetryableEntry(failure)) {
        results.push({ index: item.index, status: "error", error: action.entryError(failure) });
      } else if (last) {
        results.push({ index: item.index, status: "error", error: serverFault(failure, action.name, attempt) });
      } else {
        retry.push(item);
      }
    }
    // Entries the reply does not mention were not processed: send them again.
    for (const item of byId.values()) {
      if (!last) retry.push(item);
      else results.push({ index: item.index, status: "error", error: unreported(action.name, attempt) });
    }
    remaining = retry.sort((a, b) => a.index - b.index);
  }
  return results;
}

function unreported(action: string, attempts: number): DocumentError {
  return documentError("SERVICE_UNAVAILABLE", `${action} did not report this entry after ${attempts} attempts; send it again.`);
}

function serverFault(failure: BatchResultErrorEntry, action: string, attempts: number): DocumentError {
  const code = sqsErrorMeaning([failure.Code], failure.Message ?? "")?.code === "THROTTLED" ? "THROTTLED" : "SERVICE_UNAVAILABLE";
  return documentError(
    code,
    `${action} failed this entry ${attempts} times (${failure.Code ?? "error"}: ${failure.Message ?? "no message"}); send it again later.`,
    { retryable: ERROR_CODES[code].retryable },
  );
}
