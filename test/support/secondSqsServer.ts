import { CreateQueueCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { AddressInfo } from "node:net";
import { createSqsServer } from "local-aws-sqs";
import { EMBEDDED_CREDENTIALS } from "../../host/embeddedSqs.js";

export interface SecondSqsServer {
  readonly endpoint: string;
  createQueue(name: string, attributes?: Record<string, string>): Promise<string>;
  stop(): Promise<void>;
}

/**
 * local-aws-sqs: an SQS server written independently of fauxqs (JSON and query
 * protocols), on loopback. What passes on both is what SQS's protocol says, not
 * what one emulator happens to accept.
 */
export async function startSecondSqsServer(): Promise<SecondSqsServer> {
  const server = await createSqsServer({ port: 0, hostname: "127.0.0.1", emulateQueueCreationLifecycle: false });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const admin = new SQSClient({ region: "us-east-1", endpoint, credentials: { ...EMBEDDED_CREDENTIALS } });
  return {
    endpoint,
    async createQueue(name, attributes = {}) {
      const fifo = name.endsWith(".fifo") ? { FifoQueue: "true" } : {};
      const out = await admin.send(new CreateQueueCommand({ QueueName: name, Attributes: { ...fifo, ...attributes } }));
      return out.QueueUrl!;
    },
    async stop() {
      admin.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
