import { ERROR_CODES, type ErrorCode } from "../../core/errorCodes.js";
import { documentError, type ConnectorError, type DocumentError } from "../../core/errors.js";
import type { OperationResult } from "../../core/types.js";
import { batchEntryRetry, retryDelayMs, sleep } from "../../core/retryPolicy.js";
import type { PipelineItem } from "./batchPipeline.js";

/** What the service said about one entry of a batch call. */
export type EntryOutcome =
  | { kind: "success"; document: unknown }
  /** Refused for a reason of the sender's: reported, never retried. */
  | { kind: "rejected"; error: DocumentError }
  /** Failed on the service's side: sent again; `code` and `reason` describe it if the attempts run out. */
  | { kind: "retry"; code: ErrorCode; reason: string };

/** One batch API call (SendMessageBatch, DeleteMessageBatch, PutRecords) as the retry loop sees it. */
export interface BatchAction<E> {
  /** The call and its target, for messages ("SendMessageBatch to orders.fifo"). */
  name: string;
  /** One outcome per item, in the order given; undefined for an item the reply does not mention. */
  call(items: PipelineItem<E>[], signal: AbortSignal): Promise<Array<EntryOutcome | undefined>>;
  /** The service's mapping of what a call threw (sqsError, kinesisError). */
  errorOf(thrown: unknown, action: string): ConnectorError;
  isFatal(error: ConnectorError): boolean;
  /** Whether a refusal of the whole batch may be about one of its entries, so sending them one by one finds it. */
  isAboutAnEntry(error: ConnectorError): boolean;
  /** Batch calls in all (maxEntryAttempts, maxRecordAttempts). */
  maxAttempts: number;
}

/**
 * Sends a batch and retries what can be retried, always with the same entries
 * (same ids, same deduplication ids), so a retry after an ambiguous failure is
 * recognised by the service rather than duplicated. Entries the service failed
 * on its side and batches that failed transiently are retried with backoff
 * (core/retryPolicy.ts). A batch refused as a whole for something an entry
 * holds is split so one bad entry cannot fail its neighbours; a refusal that is
 * not about an entry (credentials, clock, an unknown reason) is not, since
 * splitting would only repeat it per entry. Fatal errors (credentials, missing
 * queue or stream) are thrown.
 */
export async function callWithRetries<E>(
  items: PipelineItem<E>[],
  action: BatchAction<E>,
  signal: AbortSignal,
): Promise<OperationResult[]> {
  const results: OperationResult[] = [];
  const policy = batchEntryRetry(action.maxAttempts);
  let remaining = items;
  for (let attempt = 1; remaining.length > 0; attempt++) {
    if (attempt > 1) await sleep(retryDelayMs(policy, attempt - 1), signal);
    const last = attempt >= policy.attempts || signal.aborted;
    let outcomes: Array<EntryOutcome | undefined>;
    try {
      outcomes = await action.call(remaining, signal);
    } catch (thrown) {
      const failure = action.errorOf(thrown, action.name);
      if (action.isFatal(failure)) throw failure;
      if (failure.retryable && !last) continue;
      if (!failure.retryable && remaining.length > 1 && action.isAboutAnEntry(failure)) {
        // Refused as a whole for one entry's sake: send entries one by one so only the bad one fails.
        for (const item of remaining) results.push(...(await callWithRetries([item], action, signal)));
        return results;
      }
      for (const item of remaining) results.push({ index: item.index, status: "error", error: failure.toDocumentError() });
      return results;
    }
    const retry: PipelineItem<E>[] = [];
    remaining.forEach((item, position) => {
      const outcome = outcomes[position];
      if (outcome?.kind === "success") results.push({ index: item.index, status: "success", document: outcome.document });
      else if (outcome?.kind === "rejected") results.push({ index: item.index, status: "error", error: outcome.error });
      else if (!last) retry.push(item);
      else
        results.push({
          index: item.index,
          status: "error",
          error: outcome === undefined ? unreported(action.name, attempt) : gaveUp(outcome, action.name, attempt),
        });
    });
    remaining = retry.sort((a, b) => a.index - b.index);
  }
  return results;
}

function unreported(action: string, attempts: number): DocumentError {
  return documentError("SERVICE_UNAVAILABLE", `${action} did not report this entry after ${attempts} attempts; send it again.`);
}

function gaveUp(outcome: { code: ErrorCode; reason: string }, action: string, attempts: number): DocumentError {
  return documentError(outcome.code, `${action} failed this entry ${attempts} times (${outcome.reason}); send it again later.`, {
    retryable: ERROR_CODES[outcome.code].retryable,
  });
}
