import { CreateQueueCommand, SQSClient } from "@aws-sdk/client-sqs";
import { ConnectorError } from "../connector/index.js";

/** Credentials the emulator accepts (it checks none); obviously not real keys. */
export const EMBEDDED_CREDENTIALS = { accessKeyId: "AKIAEMBEDDEDEXAMPLE0", secretAccessKey: "embedded-sqs-has-no-secrets" };

export interface EmbeddedQueue {
  name: string;
  attributes?: Record<string, string>;
}

export interface EmbeddedSqs {
  /** http://127.0.0.1:<port>, to use as the connection's endpoint. */
  readonly endpoint: string;
  readonly region: string;
  createQueue(queue: EmbeddedQueue): Promise<string>;
  /** Creates an S3 bucket (for large payloads) on the same endpoint; creating one that exists is fine. */
  createBucket(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * An in-process SQS emulator (fauxqs) bound to loopback only, for the demo, the
 * reference host's `"endpoint": "embedded"` and integration tests. Its queue URLs
 * name sqs.<region>.localhost, which need not resolve: with an endpoint
 * override the SDK sends every request to the endpoint. The same port serves
 * S3, path-style, for large payloads.
 */
export async function startEmbeddedSqs(options: { region?: string; port?: number } = {}): Promise<EmbeddedSqs> {
  const region = options.region ?? "us-east-1";
  const { buildApp } = await loadEmulator();
  const app = buildApp({ logger: false, host: "localhost", defaultRegion: region });
  const address = await app.listen({ port: options.port ?? 0, host: "127.0.0.1" });
  const endpoint = address.replace("localhost", "127.0.0.1");
  let client: SQSClient;
  try {
    client = new SQSClient({ region, endpoint, credentials: { ...EMBEDDED_CREDENTIALS } });
  } catch (error) {
    // A listening server nobody can stop would keep the process alive.
    await app.close();
    throw error;
  }
  return {
    endpoint,
    region,
    async createQueue(queue) {
      const fifo = queue.name.endsWith(".fifo");
      const out = await client.send(
        new CreateQueueCommand({
          QueueName: queue.name,
          Attributes: { ...(fifo ? { FifoQueue: "true" } : {}), ...queue.attributes },
        }),
      );
      return out.QueueUrl!;
    },
    async createBucket(name) {
      const s3 = await import("@aws-sdk/client-s3");
      const admin = new s3.S3Client({ region, endpoint, forcePathStyle: true, credentials: { ...EMBEDDED_CREDENTIALS } });
      try {
        await admin.send(new s3.CreateBucketCommand({ Bucket: name }));
      } finally {
        admin.destroy();
      }
    },
    async stop() {
      client.destroy();
      await app.close();
    },
  };
}

/**
 * fauxqs, loaded on demand: commands against real SQS should not pay for starting
 * an emulator's web framework, and it is a dev dependency, so an install without
 * dev dependencies (a user's, Node-RED's) does not carry it.
 */
async function loadEmulator(): Promise<typeof import("fauxqs")> {
  try {
    return await import("fauxqs");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ERR_MODULE_NOT_FOUND" || !String((error as Error).message).includes("'fauxqs'"))
      throw error;
    throw new ConnectorError(
      "EMBEDDED_SQS_UNAVAILABLE",
      'The embedded SQS ("endpoint": "embedded", the emulator command) needs the emulator fauxqs, which an install without dev dependencies leaves out: run `npm install fauxqs@1.9` where sqs-connector is installed, or set "endpoint" to an SQS server (or leave it out for Amazon SQS).',
      { field: "endpoint" },
    );
  }
}
