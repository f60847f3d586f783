import type { PutRecordsConfiguration } from "../../core/generated/putRecords.config.js";
import type { Documents, Operation, OperationResult } from "../../core/types.js";
import { batchingSettings, type OperationContext, type OperationDefinition } from "../context.js";
import { callWithRetries } from "../pipeline/batchCall.js";
import { runBatchPipeline } from "../pipeline/batchPipeline.js";
import { kinesisBatching, putRecordsAction } from "./putRecordsCall.js";
import { createRecordPreparer } from "./recordDocument.js";
import { checkStreamRegion } from "./streamDirectory.js";

type ValidatedPutRecordsConfig = PutRecordsConfiguration &
  Required<Pick<PutRecordsConfiguration, "concurrency" | "lingerMs" | "maxRecordAttempts" | "ordering">>;

export const putRecordsOperation: OperationDefinition<ValidatedPutRecordsConfig> = {
  id: "putRecords",
  create: (context, config) => new PutRecordsOperation(context, config),
};

/**
 * Writes documents as records to a Kinesis data stream with PutRecords,
 * through the same batch pipeline as SQS send: every document validated first,
 * requests of up to 500 records and 10 MiB, `concurrency` in flight, and with
 * ordering by partition key, at most one record per key in flight (Kinesis
 * reports records one by one, so a failed and retried record would otherwise
 * land after the records sent with it).
 */
class PutRecordsOperation implements Operation {
  readonly id = "putRecords";

  constructor(
    private readonly context: OperationContext,
    private readonly config: ValidatedPutRecordsConfig,
  ) {}

  async *execute(documents: Documents = []): AsyncGenerator<OperationResult> {
    const { context, config } = this;
    checkStreamRegion(config, context.region);
    const kinesis = await context.kinesis();
    const stream = await context.streams.info(config);
    const action = putRecordsAction(kinesis, config, stream);
    yield* runBatchPipeline(documents, {
      ...batchingSettings(context, config, kinesisBatching(context.kinesisLimits)),
      maxPerOrderKey: 1,
      // Records may be up to 10 MiB: bound what is held by bytes as well as by count, two rounds of
      // the requests the limit allows now (an auto limit's maximum would allow over a GiB).
      windowBytes: (concurrency) => 2 * concurrency * context.kinesisLimits.requestMaxBytes,
      prepare: createRecordPreparer(config, stream, context.kinesisLimits, context.registry),
      send: (items, signal) => callWithRetries(items, action, signal),
    });
  }
}
