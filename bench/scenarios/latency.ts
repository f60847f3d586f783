import { interleavedRounds } from "../interleave.js";
import { freshQueueName, measureInChild, messagesPerSecond, requestsPerMessage, type RunRequest } from "../measure.js";
import type { Measurement } from "../protocol.js";
import { emptyReport, ratioRange, type ScenarioReport } from "../report.js";
import { startServiceProcess } from "../serviceProcess.js";
import { summarize } from "../stats.js";
import { GROUPS, MESSAGE_COUNT, type BenchContext } from "./context.js";

/** Round trips the proxy adds to every request, as a real SQS endpoint 20 or 80 ms away. */
export const LATENCIES_MS = [20, 80];
/** Requests in flight of the hand-written loops the target compares with. */
export const LOOP_IN_FLIGHT = [8, 16, 32, 64];
/** "Equal settings": every contender with this many requests in flight (the most `auto` may reach). */
export const EQUAL_IN_FLIGHT = 64;
/** The target: the connector with its defaults against the best loop of the same round. */
const TARGET_RATIO = 0.9;
/** About how long a contender with a fixed number of requests in flight runs (see `messagesFor`). */
const STEADY_SECONDS = 8;

export interface LatencyContender {
  label: string;
  /** What the measured child runs (without queue and count, which each run sets). */
  run: Omit<RunRequest, "queueUrl" | "count" | "fifo" | "groups">;
  /** Messages per run. */
  count: number;
  /** A hand-written loop the target compares with. */
  loop?: boolean;
  /** The connector with its defaults: what the target judges. */
  judged?: boolean;
}

/**
 * Messages a contender with `inFlight` requests in flight moves per run: the
 * full 20,000, or what it moves in about 8 s when that is fewer. Such a
 * contender's rate is steady from its first round trip, so fewer messages
 * measure the same rate; the 1-request defaults of sqs-producer and
 * sqs-consumer would otherwise take minutes per run at 80 ms.
 */
export function messagesFor(inFlight: number, latencyMs: number, roundTripsPerBatch: number): number {
  const perSecond = (inFlight * 10) / (roundTripsPerBatch * (latencyMs / 1000));
  return Math.max(500, Math.min(MESSAGE_COUNT, Math.round((perSecond * STEADY_SECONDS) / 500) * 500));
}

/**
 * Runs every contender through a proxy that adds `latencyMs` to each request,
 * rounds interleaved, a fresh queue per run (prepared by `queueFor`, checked by
 * `check` afterwards): messages/s, requests in flight and requests per message,
 * and the target against the best hand-written loop of each round.
 */
export async function throughLatency(
  context: BenchContext,
  scenario: string,
  latencyMs: number,
  contenders: LatencyContender[],
  queueFor: (contender: LatencyContender) => Promise<string>,
  check: (contender: LatencyContender, queueUrl: string) => Promise<void>,
): Promise<ScenarioReport> {
  const { emulator } = context;
  const proxy = await startServiceProcess<{ url: string }>("latencyProxyProcess.js", [emulator.endpoint, String(latencyMs)]);
  const report = emptyReport();
  try {
    const byLabel = new Map(contenders.map((c) => [c.label, c]));
    const samples = await interleavedRounds(context.rounds, [...byLabel.keys()], async (label, round) => {
      const contender = byLabel.get(label)!;
      const queueUrl = await queueFor(contender);
      // With an endpoint set, every client sends to it (the proxy), whatever host the queue URL names.
      const measurement = await measureInChild(
        { endpoint: proxy.info.url, region: emulator.region },
        { ...contender.run, queueUrl, fifo: false, count: contender.count, groups: GROUPS },
      );
      await check(contender, queueUrl);
      await emulator.deleteQueue(queueUrl);
      context.log(
        `${scenario} round ${round + 1}: ${label} ${Math.round(messagesPerSecond(measurement, contender.count))} msg/s, ${measurement.meanInFlight.toFixed(1)} in flight`,
      );
      return measurement;
    });
    addRows(report, scenario, contenders, samples);
  } finally {
    await proxy.stop();
  }
  return report;
}

function addRows(report: ScenarioReport, scenario: string, contenders: LatencyContender[], samples: Map<string, Measurement[]>): void {
  const rate = (c: LatencyContender) => samples.get(c.label)!.map((m) => messagesPerSecond(m, c.count));
  const loops = contenders.filter((c) => c.loop === true);
  // Per round, the best of the loops in that round: the ratio holds against the machine's drift.
  const bestLoop = rate(loops[0]!).map((_, round) => Math.max(...loops.map((loop) => rate(loop)[round]!)));
  for (const contender of contenders) {
    const runs = samples.get(contender.label)!;
    const versusBest = rate(contender).map((value, round) => value / bestLoop[round]!);
    report.rows.push(
      {
        scenario,
        contender: contender.label,
        metric: "messages/s",
        summary: summarize(rate(contender)),
        relative: `${ratioRange(summarize(versusBest))} best loop`,
      },
      { scenario, contender: contender.label, metric: "requests in flight (mean)", summary: summarize(runs.map((m) => m.meanInFlight)) },
      {
        scenario,
        contender: contender.label,
        metric: "requests per message",
        summary: summarize(runs.map((m) => requestsPerMessage(m, contender.count))),
      },
    );
    if (contender.judged === true) {
      const ratio = summarize(versusBest);
      report.targets.push({
        scenario,
        target: `${contender.label} >= ${TARGET_RATIO}x the best of the hand-written loop at ${LOOP_IN_FLIGHT.join(", ")} in flight (messages/s)`,
        measured: ratioRange(ratio),
        met: ratio.median >= TARGET_RATIO,
      });
    }
  }
}

/** A queue holding exactly `count` messages, filled straight into the emulator (not through the proxy), outside any measurement. */
export async function filledQueue(context: BenchContext, count: number): Promise<string> {
  const queueUrl = await context.emulator.createQueue(freshQueueName("latency-receive", false));
  await measureInChild(context.emulator, {
    contender: "SDK SendMessageBatch",
    queueUrl,
    fifo: false,
    count,
    concurrency: 8,
    groups: GROUPS,
  });
  return queueUrl;
}
