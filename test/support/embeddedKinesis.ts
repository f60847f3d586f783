import { GetRecordsCommand, GetShardIteratorCommand, KinesisClient, ListShardsCommand } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { startEmbeddedKinesis, type EmbeddedKinesis } from "../../host/embeddedKinesis.js";
import { EMBEDDED_CREDENTIALS } from "../../host/embeddedSqs.js";

/** A record as read back from the stream. */
export interface StoredRecord {
  shardId: string;
  sequenceNumber: string;
  partitionKey: string;
  data: string;
}

export interface KinesisEnv {
  readonly kinesis: EmbeddedKinesis;
  /** A fresh ACTIVE stream with a unique name. */
  stream(name: string, shardCount?: number): Promise<string>;
  /** Every record of a stream, shard by shard, each shard in sequence order. */
  records(streamName: string): Promise<StoredRecord[]>;
}

let counter = 0;

/** Registers before/after hooks that run one embedded Kinesis (kinesalite) for the enclosing describe. */
export function useEmbeddedKinesis(): KinesisEnv {
  let kinesis: EmbeddedKinesis | undefined;
  let reader: KinesisClient | undefined;
  before(async () => {
    kinesis = await startEmbeddedKinesis({ region: "us-east-1" });
    reader = new KinesisClient({
      region: kinesis.region,
      endpoint: kinesis.endpoint,
      credentials: { ...EMBEDDED_CREDENTIALS },
      requestHandler: new NodeHttpHandler(),
    });
  });
  after(async () => {
    reader?.destroy();
    await kinesis?.stop();
  });
  const env: KinesisEnv = {
    get kinesis() {
      if (kinesis === undefined) throw new Error("embedded Kinesis not started");
      return kinesis;
    },
    async stream(name, shardCount = 1) {
      counter += 1;
      const unique = `${name}-${process.pid}-${counter}`;
      await env.kinesis.createStream({ name: unique, shardCount });
      return unique;
    },
    async records(streamName) {
      const shards = (await reader!.send(new ListShardsCommand({ StreamName: streamName }))).Shards ?? [];
      const all: StoredRecord[] = [];
      for (const shard of shards) {
        let iterator = (
          await reader!.send(
            new GetShardIteratorCommand({ StreamName: streamName, ShardId: shard.ShardId, ShardIteratorType: "TRIM_HORIZON" }),
          )
        ).ShardIterator;
        while (iterator !== undefined) {
          const page = await reader!.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
          for (const record of page.Records ?? []) {
            all.push({
              shardId: shard.ShardId!,
              sequenceNumber: record.SequenceNumber!,
              partitionKey: record.PartitionKey!,
              data: Buffer.from(record.Data!).toString("utf8"),
            });
          }
          iterator = (page.Records ?? []).length === 0 || page.MillisBehindLatest === 0 ? undefined : page.NextShardIterator;
        }
      }
      return all;
    },
  };
  return env;
}

/** The data of each partition key's records, in stream order. */
export function dataByKey(records: StoredRecord[]): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const record of records) byKey.set(record.partitionKey, [...(byKey.get(record.partitionKey) ?? []), record.data]);
  return byKey;
}
