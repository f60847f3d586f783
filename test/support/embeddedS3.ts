import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { ReceiveMessageCommand, SendMessageCommand, SQSClient, type Message, type MessageAttributeValue } from "@aws-sdk/client-sqs";
import { EMBEDDED_CREDENTIALS } from "../../host/embeddedSqs.js";
import type { EmbeddedEnv } from "./embeddedSqs.js";

let counter = 0;

/**
 * The embedded emulator's S3 side for tests, beside useEmbeddedSqs: fresh
 * buckets, the objects in them, and plain SQS calls that see messages as SQS
 * holds them (pointer bodies, size attributes), as another library would.
 */
export function embeddedS3(env: EmbeddedEnv) {
  let s3: S3Client | undefined;
  let sqs: SQSClient | undefined;
  const clients = () => {
    const options = { region: env.sqs.region, endpoint: env.sqs.endpoint, credentials: { ...EMBEDDED_CREDENTIALS } };
    s3 ??= new S3Client({ ...options, forcePathStyle: true });
    sqs ??= new SQSClient(options);
    return { s3, sqs };
  };
  after(() => {
    s3?.destroy();
    sqs?.destroy();
  });
  return {
    /** A connection config with S3 on the emulator too. */
    connectionConfig: (overrides: Record<string, unknown> = {}) => env.connectionConfig({ s3Endpoint: env.sqs.endpoint, ...overrides }),
    connect: (overrides: Record<string, unknown> = {}) => env.connect({ s3Endpoint: env.sqs.endpoint, ...overrides }),
    /** A fresh bucket with a unique name. */
    async bucket(name = "payloads"): Promise<string> {
      counter += 1;
      const unique = `${name}-${process.pid}-${counter}`;
      await env.sqs.createBucket(unique);
      return unique;
    },
    async keys(bucket: string): Promise<string[]> {
      const out = await clients().s3.send(new ListObjectsV2Command({ Bucket: bucket }));
      return (out.Contents ?? []).map((object) => object.Key ?? "");
    },
    async text(bucket: string, key: string): Promise<string> {
      const out = await clients().s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return (await out.Body?.transformToString("utf-8")) ?? "";
    },
    async exists(bucket: string, key: string): Promise<boolean> {
      try {
        await clients().s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return true;
      } catch {
        return false;
      }
    },
    async put(bucket: string, key: string, body: string): Promise<void> {
      await clients().s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    },
    async remove(bucket: string, key: string): Promise<void> {
      await clients().s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    /** SendMessage as any SQS client sends it. */
    async sendRaw(queueUrl: string, body: string, attributes: Record<string, MessageAttributeValue> = {}): Promise<void> {
      await clients().sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body, MessageAttributes: attributes }));
    },
    /** Messages as SQS holds them, hidden for `visibilityTimeout` seconds. */
    async receiveRaw(queueUrl: string, max = 10, visibilityTimeout = 0): Promise<Message[]> {
      const out = await clients().sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: max,
          MessageAttributeNames: ["All"],
          VisibilityTimeout: visibilityTimeout,
          WaitTimeSeconds: 0,
        }),
      );
      return out.Messages ?? [];
    },
  };
}
