import { Producer } from "sqs-producer";
import { emptyTally } from "../protocol.js";
import { iotRecord } from "../records.js";
import { RecordIndexSource, runWorkers } from "./batchSource.js";
import type { Contender } from "./contender.js";
import { benchSqsClient } from "./sdkClient.js";

const BATCH_ENTRIES = 10;

/**
 * sqs-producer sends one batch at a time per call, so `concurrency` workers
 * each hand it 10 messages at a time: the same requests in flight as the others.
 */
export const producerSend: Contender = async (spec) => {
  const client = benchSqsClient(spec);
  const producer = Producer.create({ queueUrl: spec.queueUrl, sqs: client, batchSize: BATCH_ENTRIES });
  return {
    async run() {
      const tally = emptyTally();
      const source = new RecordIndexSource(spec.count, spec.groups, spec.concurrency, spec.fifo);
      await runWorkers(spec.concurrency, async (worker) => {
        for (let indices = source.take(worker, BATCH_ENTRIES); indices.length > 0; indices = source.take(worker, BATCH_ENTRIES)) {
          const messages = indices.map((index) => {
            const record = iotRecord(index, spec.groups);
            const body = JSON.stringify(record);
            return spec.fifo
              ? { id: String(index), body, groupId: record.deviceId, deduplicationId: record.recordKey }
              : { id: String(index), body };
          });
          // sqs-producer throws FailedMessagesError when any entry fails, so every success is counted here.
          const sent = await producer.send(messages);
          tally.succeeded += sent.length;
        }
      });
      return tally;
    },
    close: async () => client.destroy(),
  };
};
