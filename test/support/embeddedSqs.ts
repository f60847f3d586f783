import { GetQueueAttributesCommand, SQSClient, type QueueAttributeName } from "@aws-sdk/client-sqs";
import { connect, type Connection } from "../../connector/connection.js";
import type { Host } from "../../core/host.js";
import type { OperationResult } from "../../core/types.js";
import { EMBEDDED_CREDENTIALS, startEmbeddedSqs, type EmbeddedSqs } from "../../host/embeddedSqs.js";

export interface EmbeddedEnv {
  readonly sqs: EmbeddedSqs;
  /** A connection config for the emulator, with overrides. */
  connectionConfig(overrides?: Record<string, unknown>): Record<string, unknown>;
  /** A connection that is closed after the test file. */
  connect(overrides?: Record<string, unknown>, host?: Host): Connection;
  /** A fresh queue with a unique name (suffix kept: pass "x.fifo" for FIFO). */
  queue(name: string, attributes?: Record<string, string>): Promise<{ url: string; name: string }>;
  /** Visible + in-flight + delayed messages on a queue. */
  depth(url: string): Promise<number>;
  /** Visible and in-flight (invisible) messages on a queue, apart. */
  counts(url: string): Promise<{ visible: number; inFlight: number }>;
  /** An attribute of a queue (e.g. QueueArn). */
  attribute(url: string, name: QueueAttributeName): Promise<string>;
  /** The embedded SQS's own client (for sending and receiving around the code under test). */
  readonly admin: SQSClient;
}

let counter = 0;

/** Registers before/after hooks that run one embedded SQS for the enclosing describe. */
export function useEmbeddedSqs(): EmbeddedEnv {
  let sqs: EmbeddedSqs | undefined;
  let admin: SQSClient | undefined;
  const connections: Connection[] = [];
  before(async () => {
    sqs = await startEmbeddedSqs();
    admin = new SQSClient({ region: sqs.region, endpoint: sqs.endpoint, credentials: { ...EMBEDDED_CREDENTIALS } });
  });
  after(async () => {
    for (const connection of connections) connection.close();
    admin?.destroy();
    await sqs?.stop();
  });
  const env: EmbeddedEnv = {
    get sqs() {
      if (sqs === undefined) throw new Error("embedded SQS not started");
      return sqs;
    },
    connectionConfig: (overrides = {}) => ({
      authType: "accessKeys",
      ...EMBEDDED_CREDENTIALS,
      region: env.sqs.region,
      endpoint: env.sqs.endpoint,
      ...overrides,
    }),
    connect(overrides = {}, host) {
      const connection = connect(env.connectionConfig(overrides), host);
      connections.push(connection);
      return connection;
    },
    async queue(name, attributes) {
      counter += 1;
      const fifo = name.endsWith(".fifo");
      const unique = `${fifo ? name.slice(0, -5) : name}-${process.pid}-${counter}${fifo ? ".fifo" : ""}`;
      const url = await env.sqs.createQueue({ name: unique, ...(attributes === undefined ? {} : { attributes }) });
      return { url, name: unique };
    },
    get admin() {
      if (admin === undefined) throw new Error("embedded SQS not started");
      return admin;
    },
    async counts(url) {
      const out = await admin!.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        }),
      );
      return {
        visible: Number(out.Attributes?.ApproximateNumberOfMessages),
        inFlight: Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible),
      };
    },
    async attribute(url, name) {
      const out = await admin!.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: [name] }));
      return out.Attributes?.[name] ?? "";
    },
    async depth(url) {
      const out = await admin!.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"],
        }),
      );
      const a = out.Attributes ?? {};
      return (
        Number(a.ApproximateNumberOfMessages) +
        Number(a.ApproximateNumberOfMessagesNotVisible) +
        Number(a.ApproximateNumberOfMessagesDelayed)
      );
    },
  };
  return env;
}

export async function collect<T = unknown>(results: AsyncIterable<OperationResult>): Promise<Array<OperationResult<T>>> {
  const all: Array<OperationResult<T>> = [];
  for await (const result of results) all.push(result as OperationResult<T>);
  return all;
}

export function successes<T>(results: Array<OperationResult<T>>): T[] {
  return results.flatMap((r) => (r.status === "success" ? [r.document] : []));
}

export function errorCodes(results: OperationResult[]): Array<string | undefined> {
  return results.map((r) => (r.status === "error" ? r.error.code : undefined));
}
