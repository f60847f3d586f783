import { freshQueueName, measureInChild, messagesPerSecond, requestsPerMessage } from "../measure.js";
import type { Measurement } from "../protocol.js";
import { emptyReport, ratioRange, type ScenarioReport } from "../report.js";
import { interleavedRounds } from "../interleave.js";
import { throughputRows } from "../throughputRows.js";
import { pairedRatios, summarize } from "../stats.js";
import { CONCURRENCY, GROUPS, MESSAGE_COUNT, type BenchContext } from "./context.js";

export const CONNECTOR = "connector send";
export const SDK_BATCH = "SDK SendMessageBatch";
const PRODUCER = "sqs-producer";
const SINGLE = "SDK SendMessage per document";
export const CONNECTOR_PINNED = `connector send, former defaults (concurrency ${CONCURRENCY}, lingerMs 20)`;
const CONTENDERS = [CONNECTOR, CONNECTOR_PINNED, SDK_BATCH, PRODUCER, SINGLE];
/** The connector with its defaults (auto), and with the defaults before them: the others' concurrency (equal settings) and a 20 ms linger. */
const CONNECTOR_CONFIG: Record<string, Record<string, unknown> | undefined> = {
  [CONNECTOR]: undefined,
  [CONNECTOR_PINNED]: { concurrency: CONCURRENCY, lingerMs: 20 },
};

/** Per-round measurements of every contender, for scenario 3 to reuse. */
export type SendSamples = Map<string, Measurement[]>;

/**
 * Scenario 1: 20,000 documents to a fresh standard and a fresh FIFO queue
 * (50 message groups) per run on loopback: the connector with its defaults
 * (auto) and pinned at 8, every other contender with 8 batches in flight.
 */
export async function sendThroughput(context: BenchContext): Promise<{ report: ScenarioReport; standard: SendSamples; fifo: SendSamples }> {
  const report = emptyReport();
  const standard = await sendRounds(context, false, report);
  const fifo = await sendRounds(context, true, report);
  report.notes.push(
    `Send: ${MESSAGE_COUNT.toLocaleString("en-US")} documents of 1 KiB JSON per run, ${CONCURRENCY} requests in flight for every contender but the connector with its defaults (auto); FIFO runs use ${GROUPS} message groups (the device id) and the record key as deduplication id. Hand-written FIFO senders give each group to one worker so group order holds, as the connector does.`,
  );
  return { report, standard, fifo };
}

async function sendRounds(context: BenchContext, fifo: boolean, report: ScenarioReport): Promise<SendSamples> {
  const scenario = `1. Send, ${fifo ? "FIFO" : "standard"} queue`;
  const samples = await interleavedRounds(context.rounds, CONTENDERS, async (contender, round) => {
    const queueUrl = await context.emulator.createQueue(freshQueueName("send", fifo));
    const connector = contender in CONNECTOR_CONFIG;
    const measurement = await measureInChild(context.emulator, {
      contender: connector ? CONNECTOR : contender,
      ...(connector && CONNECTOR_CONFIG[contender] !== undefined ? { connectorConfig: CONNECTOR_CONFIG[contender] } : {}),
      queueUrl,
      fifo,
      count: MESSAGE_COUNT,
      concurrency: CONCURRENCY,
      groups: GROUPS,
    });
    const stored = await context.emulator.messageCount(queueUrl);
    if (stored !== MESSAGE_COUNT) throw new Error(`${contender} left ${stored} messages on its queue, not ${MESSAGE_COUNT}`);
    if (fifo) await context.emulator.deleteQueue(queueUrl);
    else context.filledQueues.push(queueUrl);
    context.log(`${scenario} round ${round + 1}: ${contender} ${Math.round(messagesPerSecond(measurement, MESSAGE_COUNT))} msg/s`);
    return measurement;
  });
  report.rows.push(...throughputRows(scenario, samples, MESSAGE_COUNT, SDK_BATCH));
  const rate = (name: string) => samples.get(name)!.map((m) => messagesPerSecond(m, MESSAGE_COUNT));
  const versusSdk = summarize(pairedRatios(rate(CONNECTOR), rate(SDK_BATCH)));
  const versusProducer = summarize(pairedRatios(rate(CONNECTOR), rate(PRODUCER)));
  const versusFormer = summarize(pairedRatios(rate(CONNECTOR), rate(CONNECTOR_PINNED)));
  const requests = (name: string) => summarize(samples.get(name)!.map((m) => requestsPerMessage(m, MESSAGE_COUNT))).median;
  report.targets.push(
    {
      scenario,
      target: "adaptive defaults lose no loopback throughput: connector >= 0.95x its former defaults (messages/s)",
      measured: ratioRange(versusFormer),
      met: versusFormer.median >= 0.95,
    },
    {
      scenario,
      // One HTTP request the SDK retries (a reset socket on a loaded machine) adds 0.00005: a rise from batching would be far more.
      target: "no rise in requests per message under load: connector <= its former defaults (within 0.1 %)",
      measured: `${requests(CONNECTOR).toFixed(5)} vs ${requests(CONNECTOR_PINNED).toFixed(5)}`,
      met: requests(CONNECTOR) <= requests(CONNECTOR_PINNED) * 1.001,
    },
    { scenario, target: `connector >= 0.95x ${SDK_BATCH} (messages/s)`, measured: ratioRange(versusSdk), met: versusSdk.median >= 0.95 },
    {
      scenario,
      target: `connector >= 1.0x ${PRODUCER} (messages/s)`,
      measured: ratioRange(versusProducer),
      met: versusProducer.median >= 1.0,
    },
  );
  return samples;
}
