import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { emptyTally } from "../protocol.js";
import { iotRecord } from "../records.js";
import { RecordIndexSource, runWorkers } from "./batchSource.js";
import type { Contender } from "./contender.js";
import { benchSqsClient } from "./sdkClient.js";

/** One SendMessage per document: `concurrency` workers, one request each in flight. */
export const sdkSingleSend: Contender = async (spec) => {
  const client = benchSqsClient(spec);
  return {
    async run() {
      const tally = emptyTally();
      const source = new RecordIndexSource(spec.count, spec.groups, spec.concurrency, spec.fifo);
      await runWorkers(spec.concurrency, async (worker) => {
        for (let [index] = source.take(worker, 1); index !== undefined; [index] = source.take(worker, 1)) {
          const record = iotRecord(index, spec.groups);
          await client.send(
            new SendMessageCommand({
              QueueUrl: spec.queueUrl,
              MessageBody: JSON.stringify(record),
              ...(spec.fifo ? { MessageGroupId: record.deviceId, MessageDeduplicationId: record.recordKey } : {}),
            }),
          );
          tally.succeeded += 1;
        }
      });
      return tally;
    },
    close: async () => client.destroy(),
  };
};
