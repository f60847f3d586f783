import { connect, ConnectorError, type Logger, type OperationResult } from "../../connector/index.js";
import { EMBEDDED_CREDENTIALS, startEmbeddedSqs } from "../embeddedSqs.js";
import { HELP_OPTION, VERBOSE_OPTION, type Command, type Values } from "./command.js";

interface Reading {
  deviceId: string;
  recordKey: string;
  seq: number;
  temperatureC: number;
  humidityPct: number;
  takenAt: string;
}

const DEVICES = ["greenhouse-a1", "greenhouse-a2", "greenhouse-b1", "cold-store-1", "cold-store-2", "boiler-room"];
const QUEUE = "sensor-readings.fifo";

export const demoCommand: Command = {
  name: "demo",
  summary: "end-to-end demo on the embedded SQS (what `npm start` runs)",
  usage: "[--records N]",
  options: {
    ...HELP_OPTION,
    records: { type: "string", value: "N", description: "readings to generate (default 300)" },
    ...VERBOSE_OPTION,
  },
  notes:
    "Starts the embedded SQS, sends sensor readings with repeats to a FIFO queue (deduplicated by record key, grouped by device), receives and deletes them, and prints a summary.",
  exitCodes: "0 everything sent arrived exactly once and in order, 3 it did not, 2 usage",
  run: ({ values, logger }) => runDemo(values, logger),
};

/**
 * `npm start`: sensor readings (with the repeats a flaky gateway produces) go
 * to a FIFO queue on the embedded SQS, grouped by device and deduplicated by
 * record key, then are received and deleted in one streaming pass. The summary
 * checks what the connector promises: duplicates dropped, per-device order
 * kept, nothing lost.
 */
async function runDemo(values: Values, logger: Logger): Promise<number> {
  const count = values["records"] === undefined ? 300 : Number(values["records"]);
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000) {
    throw new ConnectorError("CONFIG_INVALID", "--records must be a whole number from 1 to 1000000.", { field: "records" });
  }
  const sqs = await startEmbeddedSqs();
  const connection = connect({ authType: "accessKeys", ...EMBEDDED_CREDENTIALS, endpoint: sqs.endpoint, region: sqs.region }, { logger });
  try {
    await sqs.createQueue({ name: QUEUE });
    const documents = gatewayTraffic(count);

    const sendStarted = performance.now();
    const messageIds = new Set<string>();
    let sendFailures = 0;
    const send = connection.operation("send", {
      queueName: QUEUE,
      messageGroupIdPointer: "/deviceId",
      messageDeduplicationIdPointer: "/recordKey",
    });
    for await (const result of send.execute(documents)) {
      if (result.status === "success") messageIds.add((result.document as { messageId: string }).messageId);
      else sendFailures += report(result, logger);
    }
    const sendSeconds = (performance.now() - sendStarted) / 1000;

    const drainStarted = performance.now();
    const lastSeq = new Map<string, number>();
    let received = 0;
    let outOfOrder = 0;
    let deleted = 0;
    let drainFailures = 0;
    const receive = connection.operation("receive", {
      queueName: QUEUE,
      maxMessages: documents.length,
      waitTimeSeconds: 1,
      bodyEncoding: "json",
      concurrency: 2,
    });
    async function* checked(results: AsyncIterable<OperationResult>): AsyncGenerator<unknown> {
      for await (const result of results) {
        if (result.status === "error") {
          drainFailures += report(result, logger);
          continue;
        }
        const reading = (result.document as { body: Reading }).body;
        received += 1;
        if ((lastSeq.get(reading.deviceId) ?? 0) >= reading.seq) outOfOrder += 1;
        lastSeq.set(reading.deviceId, reading.seq);
        yield result.document;
      }
    }
    for await (const result of connection.operation("delete", {}).execute(checked(receive.execute()))) {
      if (result.status === "success") deleted += 1;
      else drainFailures += report(result, logger);
    }
    const drainSeconds = (performance.now() - drainStarted) / 1000;
    let leftOver = 0;
    for await (const _result of connection.operation("receive", { queueName: QUEUE, waitTimeSeconds: 0, maxMessages: 10 }).execute())
      leftOver += 1;

    const unique = new Set(documents.map((d) => d.body.recordKey)).size;
    const ok = sendFailures === 0 && drainFailures === 0 && received === unique && deleted === unique && outOfOrder === 0 && leftOver === 0;
    process.stdout.write(
      [
        `Amazon SQS connector demo: embedded SQS at ${sqs.endpoint}, FIFO queue ${QUEUE}`,
        ``,
        `  sent       ${documents.length} readings from ${DEVICES.length} devices (${documents.length - unique} are gateway repeats)`,
        `             ${messageIds.size} new messages; ${documents.length - sendFailures - messageIds.size} duplicates dropped by record-key deduplication`,
        `             ${rate(documents.length, sendSeconds)} documents/s, ${sendFailures} failed`,
        `  received   ${received} messages, deleted ${deleted}, ${leftOver} left on the queue`,
        `             ${rate(received, drainSeconds)} messages/s received and deleted, ${drainFailures} failed`,
        `  order      ${outOfOrder === 0 ? "kept" : `BROKEN ${outOfOrder} times`}: every device's readings arrived in the order they were sent`,
        ``,
        ok
          ? `Everything sent arrived exactly once, in order. Try: npx sqs-connector --help`
          : `Something went wrong: see the counts above.`,
        ``,
      ].join("\n"),
    );
    return ok ? 0 : 3;
  } finally {
    connection.close();
    await sqs.stop();
  }
}

/** Readings interleaved across devices; about one in ten is sent again, as a retrying gateway would. */
function gatewayTraffic(count: number): Array<{ body: Reading }> {
  const documents: Array<{ body: Reading }> = [];
  const seqs = new Map<string, number>();
  const start = Date.UTC(2026, 10, 23, 8, 0, 0);
  for (let i = 0; i < count; i++) {
    const deviceId = DEVICES[i % DEVICES.length]!;
    const seq = (seqs.get(deviceId) ?? 0) + 1;
    seqs.set(deviceId, seq);
    const reading: Reading = {
      deviceId,
      recordKey: `${deviceId}:${seq}`,
      seq,
      temperatureC: Math.round((18 + 6 * Math.sin(i / 17)) * 10) / 10,
      humidityPct: Math.round(55 + 20 * Math.cos(i / 23)),
      takenAt: new Date(start + i * 10_000).toISOString(),
    };
    documents.push({ body: reading });
    if (i % 10 === 9) documents.push({ body: { ...documents[documents.length - 4]!.body } });
  }
  return documents;
}

function report(result: OperationResult, logger: Logger): number {
  if (result.status === "error") logger.error(`document ${result.index}: ${result.error.code}: ${result.error.message}`);
  return 1;
}

function rate(count: number, seconds: number): string {
  return seconds > 0 ? Math.round(count / seconds).toLocaleString("en-US") : "-";
}
