import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
} from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { EMBEDDED_CREDENTIALS } from "../host/embeddedSqs.js";
import { startServiceProcess } from "./serviceProcess.js";

export interface KinesisEmulatorProcess {
  readonly endpoint: string;
  readonly region: string;
  /** A new, ACTIVE stream. */
  createStream(name: string, shards: number): Promise<void>;
  /** Records on every shard of a stream: what a run left behind. */
  recordCount(name: string): Promise<number>;
  stop(): Promise<void>;
}

/** Starts bench/kinesisEmulatorProcess in a child process and manages streams on it from here. */
export async function startKinesisEmulatorProcess(): Promise<KinesisEmulatorProcess> {
  const service = await startServiceProcess<{ endpoint: string; region: string }>("kinesisEmulatorProcess.js");
  const { endpoint, region } = service.info;
  const client = new KinesisClient({ region, endpoint, credentials: { ...EMBEDDED_CREDENTIALS }, requestHandler: new NodeHttpHandler() });
  return {
    endpoint,
    region,
    async createStream(name, shards) {
      await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
      while (
        (await client.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary?.StreamStatus !== "ACTIVE"
      ) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async recordCount(name) {
      let count = 0;
      for (const shard of (await client.send(new ListShardsCommand({ StreamName: name }))).Shards ?? []) {
        const start = new GetShardIteratorCommand({ StreamName: name, ShardId: shard.ShardId, ShardIteratorType: "TRIM_HORIZON" });
        let iterator = (await client.send(start)).ShardIterator;
        while (iterator !== undefined) {
          const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
          count += page.Records?.length ?? 0;
          iterator = (page.Records ?? []).length === 0 ? undefined : page.NextShardIterator;
        }
      }
      return count;
    },
    async stop() {
      client.destroy();
      await service.stop();
    },
  };
}
