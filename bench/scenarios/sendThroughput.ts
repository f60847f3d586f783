import { cpuMicrosPerMessage, freshQueueName, measureInChild, messagesPerSecond } from "../measure.js";
import type { Measurement } from "../protocol.js";
import { emptyReport, ratioRange, type ScenarioReport } from "../report.js";
import { interleavedRounds } from "../interleave.js";
import { pairedRatios, summarize } from "../stats.js";
import { CONCURRENCY, GROUPS, MESSAGE_COUNT, type BenchContext } from "./context.js";

export const CONNECTOR = "connector send";
export const SDK_BATCH = "SDK SendMessageBatch";
const PRODUCER = "sqs-producer";
const SINGLE = "SDK SendMessage per document";
const CONTENDERS = [CONNECTOR, SDK_BATCH, PRODUCER, SINGLE];

/** Per-round measurements of every contender, for scenario 3 to reuse. */
export type SendSamples = Map<string, Measurement[]>;

/**
 * Scenario 1: 20,000 documents to a fresh standard and a fresh FIFO queue
 * (50 message groups) per run, every contender with 8 batches in flight.
 */
export async function sendThroughput(context: BenchContext): Promise<{ report: ScenarioReport; standard: SendSamples; fifo: SendSamples }> {
  const report = emptyReport();
  const standard = await sendRounds(context, false, report);
  const fifo = await sendRounds(context, true, report);
  report.notes.push(
    `Send: ${MESSAGE_COUNT.toLocaleString("en-US")} documents of 1 KiB JSON per run, ${CONCURRENCY} requests in flight for every contender; FIFO runs use ${GROUPS} message groups (the device id) and the record key as deduplication id. Hand-written FIFO senders give each group to one worker so group order holds, as the connector does.`,
  );
  return { report, standard, fifo };
}

async function sendRounds(context: BenchContext, fifo: boolean, report: ScenarioReport): Promise<SendSamples> {
  const scenario = `1. Send, ${fifo ? "FIFO" : "standard"} queue`;
  const samples = await interleavedRounds(context.rounds, CONTENDERS, async (contender, round) => {
    const queueUrl = await context.emulator.createQueue(freshQueueName("send", fifo));
    const measurement = await measureInChild(context.emulator, {
      contender,
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
  const rate = (name: string) => samples.get(name)!.map((m) => messagesPerSecond(m, MESSAGE_COUNT));
  const cpu = (name: string) => samples.get(name)!.map((m) => cpuMicrosPerMessage(m, MESSAGE_COUNT));
  for (const contender of CONTENDERS) {
    const versusSdk =
      contender === SDK_BATCH ? undefined : `${ratioRange(summarize(pairedRatios(rate(contender), rate(SDK_BATCH))))} ${SDK_BATCH}`;
    report.rows.push({
      scenario,
      contender,
      metric: "messages/s",
      summary: summarize(rate(contender)),
      ...(versusSdk === undefined ? {} : { relative: versusSdk }),
    });
    report.rows.push({ scenario, contender, metric: "client CPU µs/message", summary: summarize(cpu(contender)) });
  }
  const versusSdk = summarize(pairedRatios(rate(CONNECTOR), rate(SDK_BATCH)));
  const versusProducer = summarize(pairedRatios(rate(CONNECTOR), rate(PRODUCER)));
  report.targets.push(
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
