import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateQueueCommand, DeleteQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { EMBEDDED_CREDENTIALS } from "../host/embeddedSqs.js";
import { startServiceProcess } from "./serviceProcess.js";

export interface EmulatorProcess {
  readonly endpoint: string;
  readonly region: string;
  /** A new, empty queue; FIFO when the name ends in .fifo. */
  createQueue(name: string): Promise<string>;
  deleteQueue(url: string): Promise<void>;
  /** A bucket on the same endpoint (fauxqs serves S3 path-style beside SQS). */
  createBucket(name: string): Promise<void>;
  /** Visible plus in-flight messages: what a run left behind. */
  messageCount(url: string): Promise<number>;
  stop(): Promise<void>;
}

/** Starts bench/emulatorProcess in a child process and manages queues on it from here. */
export async function startEmulatorProcess(): Promise<EmulatorProcess> {
  const service = await startServiceProcess<{ endpoint: string; region: string }>("emulatorProcess.js");
  const { endpoint, region } = service.info;
  const client = new SQSClient({ region, endpoint, credentials: { ...EMBEDDED_CREDENTIALS } });
  const s3 = new S3Client({ region, endpoint, forcePathStyle: true, credentials: { ...EMBEDDED_CREDENTIALS } });
  return {
    endpoint,
    region,
    async createQueue(name) {
      const fifo = name.endsWith(".fifo");
      const out = await client.send(new CreateQueueCommand({ QueueName: name, Attributes: fifo ? { FifoQueue: "true" } : {} }));
      return out.QueueUrl!;
    },
    async deleteQueue(url) {
      await client.send(new DeleteQueueCommand({ QueueUrl: url }));
    },
    async createBucket(name) {
      await s3.send(new CreateBucketCommand({ Bucket: name }));
    },
    async messageCount(url) {
      const out = await client.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        }),
      );
      return Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
    },
    async stop() {
      client.destroy();
      s3.destroy();
      await service.stop();
    },
  };
}
