import { SendMessageBatchCommand, type SendMessageBatchRequestEntry } from "@aws-sdk/client-sqs";
import { countFailure, emptyTally } from "../protocol.js";
import { iotRecord } from "../records.js";
import { RecordIndexSource, runWorkers } from "./batchSource.js";
import type { Contender } from "./contender.js";
import { benchSqsClient } from "./sdkClient.js";

const BATCH_ENTRIES = 10;

/** Hand-written SendMessageBatch: `concurrency` workers, each sending full batches one after another. */
export const sdkBatchSend: Contender = async (spec) => {
  const client = benchSqsClient(spec);
  return {
    async run() {
      const tally = emptyTally();
      const source = new RecordIndexSource(spec.count, spec.groups, spec.concurrency, spec.fifo);
      await runWorkers(spec.concurrency, async (worker) => {
        for (let indices = source.take(worker, BATCH_ENTRIES); indices.length > 0; indices = source.take(worker, BATCH_ENTRIES)) {
          const entries = indices.map((index): SendMessageBatchRequestEntry => {
            const record = iotRecord(index, spec.groups);
            const entry: SendMessageBatchRequestEntry = { Id: String(index), MessageBody: JSON.stringify(record) };
            if (spec.fifo) {
              entry.MessageGroupId = record.deviceId;
              entry.MessageDeduplicationId = record.recordKey;
            }
            return entry;
          });
          const out = await client.send(new SendMessageBatchCommand({ QueueUrl: spec.queueUrl, Entries: entries }));
          tally.succeeded += out.Successful?.length ?? 0;
          for (const failure of out.Failed ?? []) countFailure(tally, `${failure.Code}: ${failure.Message}`);
        }
      });
      return tally;
    },
    close: async () => client.destroy(),
  };
};
