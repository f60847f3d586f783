import type { Message } from "@aws-sdk/client-sqs";
import { Consumer } from "sqs-consumer";
import { connect } from "../connector/index.js";
import { EMBEDDED_CREDENTIALS } from "../host/embeddedSqs.js";
import { benchSqsClient } from "./contenders/sdkClient.js";

/*
 * Scenario 9 in a fresh process: holds `count` messages in flight while their
 * handlers wait, for `holdSeconds` once all are handed over, so only the
 * heartbeat talks to SQS; then lets them finish. Prints the hold window (wall
 * clock, to match the runner's request counter) and this process's CPU in it.
 */
export interface HeartbeatSpec {
  contender: "connector listen" | "sqs-consumer heartbeat";
  endpoint: string;
  region: string;
  queueUrl: string;
  count: number;
  visibilitySeconds: number;
  holdSeconds: number;
}

export interface HeartbeatWindow {
  startMs: number;
  endMs: number;
  cpuUs: number;
  /** Messages whose visibility ran out although they were being worked on (an extension came too late or failed). */
  lapsed: number;
}

const spec = JSON.parse(process.argv[2] ?? "{}") as HeartbeatSpec;
let handed = 0;
let release: () => void = () => {};
const gate = new Promise<void>((resolve) => (release = resolve));
let allHanded: () => void = () => {};
const full = new Promise<void>((resolve) => (allHanded = resolve));
const hold = async (): Promise<void> => {
  if (++handed === spec.count) allHanded();
  await gate;
};

let lapsed = 0;
const finished = spec.contender === "connector listen" ? listen() : consume();
await full;
const cpuBefore = process.cpuUsage();
const startMs = Date.now();
await new Promise((resolve) => setTimeout(resolve, spec.holdSeconds * 1000));
const cpu = process.cpuUsage(cpuBefore);
const endMs = Date.now();
release();
await finished;
const window: HeartbeatWindow = { startMs, endMs, cpuUs: cpu.user + cpu.system, lapsed };
process.stdout.write(`${JSON.stringify(window)}\n`);

async function listen(): Promise<void> {
  const connection = connect({ authType: "accessKeys", ...EMBEDDED_CREDENTIALS, region: spec.region, endpoint: spec.endpoint });
  const listener = connection.listen(
    { queueUrl: spec.queueUrl, maxInFlight: spec.count, visibilityTimeout: spec.visibilitySeconds, waitTimeSeconds: 1 },
    hold,
    { maxSettlements: spec.count },
  );
  const summary = await listener.summary;
  connection.close();
  lapsed = summary.expired;
}

/** sqs-consumer with its heartbeat (one ChangeMessageVisibility per message per interval), 10 messages per consumer. */
async function consume(): Promise<void> {
  const client = benchSqsClient(spec);
  let processed = 0;
  let done: () => void = () => {};
  const all = new Promise<void>((resolve) => (done = resolve));
  // A few consumers spare: polls that come back with fewer than 10 messages must not leave any unheld.
  const consumers = Array.from({ length: Math.ceil(spec.count / 10) + 10 }, () => {
    const consumer = Consumer.create({
      queueUrl: spec.queueUrl,
      sqs: client,
      batchSize: 10,
      waitTimeSeconds: 1,
      visibilityTimeout: spec.visibilitySeconds,
      heartbeatInterval: spec.visibilitySeconds / 2,
      handleMessage: async (message: Message) => {
        await hold();
        return message;
      },
    });
    consumer.on("message_processed", () => {
      if (++processed === spec.count) done();
    });
    // A heartbeat that came too late: SQS says the message is no longer in flight (it will be delivered again).
    consumer.on("error", () => (lapsed += 1));
    return consumer;
  });
  for (const consumer of consumers) consumer.start();
  await all;
  for (const consumer of consumers) consumer.stop({ abort: true });
  client.destroy();
}
