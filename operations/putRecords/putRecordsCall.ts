import type { PutRecordsRequestEntry, PutRecordsResultEntry } from "@aws-sdk/client-kinesis";
import { documentError } from "../../core/errors.js";
import type { PutRecordsConfiguration } from "../../core/generated/putRecords.config.js";
import type { PutRecord } from "../../core/generated/putRecords.output.js";
import { isFatalForKinesis, kinesisError, recordFailure } from "../../core/kinesisErrors.js";
import type { KinesisLimits } from "../../core/manifest.js";
import type { BatchingService, KinesisAccess } from "../context.js";
import type { BatchAction, EntryOutcome } from "../pipeline/batchCall.js";
import type { StreamInfo } from "./streamDirectory.js";

/** Kinesis as the batch pipeline sees it: PutRecords' limits from the manifest, and which failures stop a run. */
export function kinesisBatching(limits: KinesisLimits): BatchingService {
  return {
    name: "Kinesis",
    rejectedCode: "KINESIS_REQUEST_REJECTED",
    maxEntries: limits.requestMaxRecords,
    maxBytes: limits.requestMaxBytes,
    isFatal: isFatalForKinesis,
  };
}

/**
 * PutRecords for the shared retry loop. Kinesis answers one result per record,
 * in request order: a sequence number and shard, or an ErrorCode. Capacity and
 * internal failures are sent again (same data, same partition key).
 */
export function putRecordsAction(
  kinesis: KinesisAccess,
  config: Required<Pick<PutRecordsConfiguration, "maxRecordAttempts">>,
  stream: StreamInfo,
): BatchAction<PutRecordsRequestEntry> {
  return {
    name: `PutRecords to ${stream.name}`,
    maxAttempts: config.maxRecordAttempts,
    errorOf: kinesisError,
    isFatal: isFatalForKinesis,
    // InvalidArgumentException, ValidationException: about a record (its hash key, its size).
    isAboutAnEntry: (error) => error.code === "KINESIS_REQUEST_REJECTED",
    async call(items, signal) {
      const out = await kinesis.client.send(
        new kinesis.sdk.PutRecordsCommand({ ...stream.selector, Records: items.map((item) => item.entry) }),
        { abortSignal: signal },
      );
      const records = out.Records ?? [];
      // Results are matched by position; a reply of another length matches nothing, so every record is sent again.
      if (records.length !== items.length) return items.map(() => undefined);
      return records.map(outcomeOf);
    },
  };
}

function outcomeOf(record: PutRecordsResultEntry): EntryOutcome {
  if (record.ErrorCode === undefined && record.SequenceNumber !== undefined && record.ShardId !== undefined) {
    const document: PutRecord = { shardId: record.ShardId, sequenceNumber: record.SequenceNumber };
    return { kind: "success", document };
  }
  const failure = recordFailure(record.ErrorCode);
  const reason = `${record.ErrorCode ?? "error"}: ${record.ErrorMessage ?? "no message"}`;
  if (failure.retry) return { kind: "retry", code: failure.code, reason };
  return { kind: "rejected", error: documentError(failure.code, `Kinesis refused this record (${reason}).`) };
}
