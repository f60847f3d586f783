import { KinesisClient, PutRecordsCommand, type PutRecordsRequestEntry } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { Agent } from "node:http";
import { EMBEDDED_CREDENTIALS } from "../../host/embeddedSqs.js";
import { countFailure, emptyTally } from "../protocol.js";
import { iotRecord } from "../records.js";
import { RecordIndexSource, runWorkers } from "./batchSource.js";
import type { Contender } from "./contender.js";

const REQUEST_RECORDS = 500;
const MAX_ROUNDS = 10;

/**
 * The hand-written PutRecords loop: `concurrency` workers, each owning a share
 * of the devices (so a device's records never race each other) and sending
 * them 500 at a time, resending the records a reply marks failed.
 */
export const sdkPutRecords: Contender = async (spec) => {
  const client = new KinesisClient({
    region: spec.region,
    endpoint: spec.endpoint,
    credentials: { ...EMBEDDED_CREDENTIALS },
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 64 }) }),
  });
  return {
    async run() {
      const tally = emptyTally();
      const source = new RecordIndexSource(spec.count, spec.groups, spec.concurrency, true);
      await runWorkers(spec.concurrency, async (worker) => {
        for (let indices = source.take(worker, REQUEST_RECORDS); indices.length > 0; indices = source.take(worker, REQUEST_RECORDS)) {
          let records = indices.map((index): PutRecordsRequestEntry => {
            const record = iotRecord(index, spec.groups);
            return { Data: Buffer.from(JSON.stringify(record)), PartitionKey: record.deviceId };
          });
          for (let round = 0; records.length > 0 && round < MAX_ROUNDS; round++) {
            const out = await client.send(new PutRecordsCommand({ StreamName: spec.streamName, Records: records }));
            const results = out.Records ?? [];
            tally.succeeded += results.filter((r) => r.ErrorCode === undefined).length;
            records = records.filter((_, i) => results[i]?.ErrorCode !== undefined);
          }
          for (const record of records) countFailure(tally, `still failing: ${record.PartitionKey}`);
        }
      });
      return tally;
    },
    close: async () => client.destroy(),
  };
};
