import type { BatchResultErrorEntry } from "@aws-sdk/client-sqs";
import type { DocumentError } from "../core/errors.js";
import { isAboutADocument, sqsErrorMeaning } from "../core/sqsErrorCatalogue.js";
import { isFatal, isRetryableEntry, sqsError } from "../core/sqsErrors.js";
import type { BatchAction, EntryOutcome } from "./pipeline/batchCall.js";
import type { PipelineItem } from "./pipeline/batchPipeline.js";

type WithId = { Id: string | undefined };

/** One SQS batch call (SendMessageBatch, DeleteMessageBatch) in SQS's own shape: entries matched by Id. */
export interface SqsBatchSpec<E extends WithId, S extends WithId> {
  name: string;
  maxAttempts: number;
  call(items: PipelineItem<E>[], signal: AbortSignal): Promise<{ successful: S[]; failed: BatchResultErrorEntry[] }>;
  toDocument(success: S, item: PipelineItem<E>): unknown;
  /** The error for an entry SQS refused for a reason of the sender's (not retried; throttled entries are). */
  entryError(failure: BatchResultErrorEntry): DocumentError;
}

/**
 * Adapts an SQS batch call to the shared retry loop: SQS reports entries by
 * Id in `Successful` and `Failed`; a failed entry is sent again when it is
 * SQS's fault or throttling, and a batch refused as a whole is split when the
 * refusal is about a document (core/sqsErrorCatalogue.ts).
 */
export function sqsBatchAction<E extends WithId, S extends WithId>(spec: SqsBatchSpec<E, S>): BatchAction<E> {
  return {
    name: spec.name,
    maxAttempts: spec.maxAttempts,
    errorOf: sqsError,
    isFatal,
    isAboutAnEntry: (error) => isAboutADocument(error.code),
    async call(items, signal) {
      const reply = await spec.call(items, signal);
      const position = new Map(items.map((item, i) => [item.entry.Id, i]));
      const outcomes = new Array<EntryOutcome | undefined>(items.length);
      const settle = (id: string | undefined, outcome: () => EntryOutcome): void => {
        const i = position.get(id);
        if (i === undefined || outcomes[i] !== undefined) return;
        outcomes[i] = outcome();
      };
      for (const success of reply.successful)
        settle(success.Id, () => ({ kind: "success", document: spec.toDocument(success, items[position.get(success.Id)!]!) }));
      for (const failure of reply.failed) settle(failure.Id, () => failureOutcome(failure, spec));
      return outcomes;
    },
  };
}

function failureOutcome<E extends WithId, S extends WithId>(failure: BatchResultErrorEntry, spec: SqsBatchSpec<E, S>): EntryOutcome {
  if (!isRetryableEntry(failure)) return { kind: "rejected", error: spec.entryError(failure) };
  const throttled = sqsErrorMeaning([failure.Code], failure.Message ?? "")?.code === "THROTTLED";
  return {
    kind: "retry",
    code: throttled ? "THROTTLED" : "SERVICE_UNAVAILABLE",
    reason: `${failure.Code ?? "error"}: ${failure.Message ?? "no message"}`,
  };
}
