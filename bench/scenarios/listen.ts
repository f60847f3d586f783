import { benchScript, lastJsonLine, runNode } from "../childProcess.js";
import { interleavedRounds } from "../interleave.js";
import { cpuMicrosPerMessage, freshQueueName, measureInChild, messagesPerSecond } from "../measure.js";
import { emptyReport, ratioRange, type ScenarioReport } from "../report.js";
import { startRequestCounter } from "../requestCounter.js";
import { pairedRatios, summarize } from "../stats.js";
import type { HeartbeatSpec, HeartbeatWindow } from "../heartbeatProbe.js";
import { CONCURRENCY, GROUPS, type BenchContext } from "./context.js";

const LISTEN = "connector listen";
const CONSUMER = "sqs-consumer handleMessage";
/** Messages in flight for both: sqs-consumer holds 10 per consumer, so 8 consumers against maxInFlight 80. */
const IN_FLIGHT = CONCURRENCY * 10;
const FILLER = "SDK SendMessageBatch";

/** Scenario 8: listen against sqs-consumer at equal concurrency, with a no-op handler and a 50 ms handler. */
export async function listenThroughput(context: BenchContext): Promise<ScenarioReport> {
  const report = emptyReport();
  for (const [handlerMs, count] of [
    [0, 10_000],
    [50, 4_000],
  ] as const) {
    const scenario = `8. Listen, ${handlerMs === 0 ? "no-op handler" : `${handlerMs} ms handler`}`;
    const samples = await interleavedRounds(context.rounds, [LISTEN, CONSUMER], async (contender, round) => {
      const queueUrl = await filled(context, count);
      const run = { contender, queueUrl, fifo: false, count, concurrency: IN_FLIGHT, groups: GROUPS, handlerMs };
      const measurement = await measureInChild(context.emulator, run);
      const left = await context.emulator.messageCount(queueUrl);
      if (left !== 0) throw new Error(`${contender} left ${left} messages on its queue`);
      await context.emulator.deleteQueue(queueUrl);
      context.log(`${scenario} round ${round + 1}: ${contender} ${Math.round(messagesPerSecond(measurement, count))} msg/s`);
      return measurement;
    });
    const rate = (name: string) => samples.get(name)!.map((m) => messagesPerSecond(m, count));
    const cpu = (name: string) => samples.get(name)!.map((m) => cpuMicrosPerMessage(m, count));
    report.rows.push(
      {
        scenario,
        contender: LISTEN,
        metric: "messages/s",
        summary: summarize(rate(LISTEN)),
        relative: `${ratioRange(summarize(pairedRatios(rate(LISTEN), rate(CONSUMER))))} ${CONSUMER}`,
      },
      {
        scenario,
        contender: LISTEN,
        metric: "client CPU µs/message",
        summary: summarize(cpu(LISTEN)),
        relative: `${ratioRange(summarize(pairedRatios(cpu(LISTEN), cpu(CONSUMER))))} ${CONSUMER}`,
      },
      { scenario, contender: CONSUMER, metric: "messages/s", summary: summarize(rate(CONSUMER)) },
      { scenario, contender: CONSUMER, metric: "client CPU µs/message", summary: summarize(cpu(CONSUMER)) },
    );
  }
  report.notes.push(
    `Listen: each run drains a queue of 10,000 (no-op handler) or 4,000 messages (50 ms handler) with ${IN_FLIGHT} messages in flight: the listener with maxInFlight ${IN_FLIGHT}, sqs-consumer 14 with ${IN_FLIGHT / 10} consumers of 10 on one client (handleMessage, which deletes each message with DeleteMessage; the listener deletes in batches of 10). Both ask for all attributes; messages/s counts acknowledged (deleted) messages.`,
  );
  return report;
}

const HEARTBEAT_MESSAGES = 1_000;
const VISIBILITY_SECONDS = 4;
const HOLD_SECONDS = 12;
const HEARTBEAT_CONTENDERS = ["connector listen", "sqs-consumer heartbeat"] as const;

/** Scenario 9: the heartbeat's cost with 1,000 messages in flight: visibility requests per second and client CPU. */
export async function heartbeatCost(context: BenchContext): Promise<ScenarioReport> {
  const scenario = `9. Heartbeat, ${HEARTBEAT_MESSAGES.toLocaleString("en-US")} messages in flight`;
  const report = emptyReport();
  const samples = await interleavedRounds(context.rounds, HEARTBEAT_CONTENDERS, async (contender, round) => {
    const queueUrl = await filled(context, HEARTBEAT_MESSAGES);
    const counter = await startRequestCounter(context.emulator.endpoint);
    try {
      const spec: HeartbeatSpec = {
        contender: contender as HeartbeatSpec["contender"],
        endpoint: counter.endpoint,
        region: context.emulator.region,
        queueUrl,
        count: HEARTBEAT_MESSAGES,
        visibilitySeconds: VISIBILITY_SECONDS,
        holdSeconds: HOLD_SECONDS,
      };
      const output = await runNode(benchScript("heartbeatProbe.js"), [JSON.stringify(spec)], `heartbeat ${contender}`);
      const window = lastJsonLine<HeartbeatWindow>(output.stdout);
      const seconds = (window.endMs - window.startMs) / 1000;
      const inWindow = counter.requests.filter(
        (r) => r.atMs >= window.startMs && r.atMs <= window.endMs && r.action.startsWith("ChangeMessageVisibility"),
      );
      const sample = {
        requestsPerSecond: inWindow.length / seconds,
        extensionsPerSecond: inWindow.reduce((sum, r) => sum + Math.max(1, r.entries), 0) / seconds,
        cpuPercent: window.cpuUs / 10_000 / seconds,
        lapsed: window.lapsed,
      };
      context.log(`${scenario} round ${round + 1}: ${contender} ${sample.requestsPerSecond.toFixed(1)} visibility requests/s`);
      return sample;
    } finally {
      await counter.stop();
      await context.emulator.deleteQueue(queueUrl);
    }
  });
  const of = (name: string, metric: "requestsPerSecond" | "extensionsPerSecond" | "cpuPercent" | "lapsed") =>
    samples.get(name)!.map((s) => s[metric]);
  const [listen, consumer] = HEARTBEAT_CONTENDERS;
  for (const [metric, key] of [
    ["visibility requests/s", "requestsPerSecond"],
    ["message extensions/s", "extensionsPerSecond"],
    ["client CPU % of one core", "cpuPercent"],
  ] as const) {
    report.rows.push(
      {
        scenario,
        contender: listen,
        metric,
        summary: summarize(of(listen, key)),
        relative: `${ratioRange(summarize(pairedRatios(of(listen, key), of(consumer, key))))} ${consumer}`,
      },
      { scenario, contender: consumer, metric, summary: summarize(of(consumer, key)) },
    );
  }
  for (const contender of HEARTBEAT_CONTENDERS) {
    report.rows.push({
      scenario,
      contender,
      metric: "messages whose visibility ran out while held",
      summary: summarize(of(contender, "lapsed")),
    });
  }
  report.notes.push(
    `Heartbeat: ${HEARTBEAT_MESSAGES.toLocaleString("en-US")} messages held by handlers that wait, ${VISIBILITY_SECONDS} s visibility timeout, counted over ${HOLD_SECONDS} s once all are handed over, by a proxy in the bench runner (ChangeMessageVisibility and ChangeMessageVisibilityBatch requests). The listener extends by one visibility timeout whenever half of it is left, 10 messages per request; sqs-consumer 14 (heartbeatInterval ${VISIBILITY_SECONDS / 2} s) sends one ChangeMessageVisibility per message per interval. CPU is the holding process's, user + system, over the window.`,
  );
  return report;
}

/** A fresh standard queue holding exactly `count` messages, filled outside any measurement. */
async function filled(context: BenchContext, count: number): Promise<string> {
  const queueUrl = await context.emulator.createQueue(freshQueueName("listen", false));
  await measureInChild(context.emulator, { contender: FILLER, queueUrl, fifo: false, count, concurrency: CONCURRENCY, groups: GROUPS });
  return queueUrl;
}
