import { interleavedRounds } from "../interleave.js";
import { freshQueueName, measureInChild } from "../measure.js";
import type { Measurement } from "../protocol.js";
import { emptyReport, type ScenarioReport } from "../report.js";
import { summarize, type Summary } from "../stats.js";
import { CONCURRENCY, GROUPS, type BenchContext } from "./context.js";

const CONTENDER = "connector send (stream)";
const SMALL = 20_000;
const LARGE = 200_000;
/** "Flat": the ten times longer run may peak at most this much higher. */
const FLAT_TOLERANCE = 0.1;

/**
 * Scenario 6: a connector send fed from an object-mode stream, 20,000 vs
 * 200,000 documents: peak RSS, and the V8 heap still in use after a full
 * collection at the end (the child runs with --expose-gc), which shows
 * whether anything was kept.
 */
export async function memory(context: BenchContext): Promise<ScenarioReport> {
  const scenario = "6. Memory, send from a stream";
  const report = emptyReport();
  const label = (count: number) => `${count.toLocaleString("en-US")} documents`;
  const samples = await interleavedRounds(context.rounds, [label(SMALL), label(LARGE)], async (name, round) => {
    const count = name === label(SMALL) ? SMALL : LARGE;
    const queueUrl = await context.emulator.createQueue(freshQueueName("memory", false));
    const request = { contender: CONTENDER, queueUrl, fifo: false, count, concurrency: CONCURRENCY, groups: GROUPS };
    const measurement = await measureInChild(context.emulator, request, ["--expose-gc"]);
    await context.emulator.deleteQueue(queueUrl);
    context.log(`${scenario} round ${round + 1}: ${name} peak RSS ${mebibytes(measurement.maxRssKiB).toFixed(1)} MiB`);
    return measurement;
  });
  const metric = (count: number, of: (m: Measurement) => number) => summarize(samples.get(label(count))!.map(of));
  const rss = (m: Measurement) => mebibytes(m.maxRssKiB);
  const heap = (m: Measurement) => mebibytes(m.heapAfterGcKiB ?? Number.NaN);
  for (const [what, of] of [
    ["peak RSS MiB", rss],
    ["heap after full GC MiB", heap],
  ] as const) {
    const small = metric(SMALL, of);
    const large = metric(LARGE, of);
    report.rows.push(
      { scenario, contender: `${CONTENDER}, ${label(SMALL)}`, metric: what, summary: small },
      {
        scenario,
        contender: `${CONTENDER}, ${label(LARGE)}`,
        metric: what,
        summary: large,
        relative: `${growthPercent(large, small)} over ${label(SMALL)}`,
      },
    );
    report.targets.push({
      scenario,
      target: `${what.replace(" MiB", "")} flat: ${label(LARGE)} within ${100 * FLAT_TOLERANCE} % of ${label(SMALL)}`,
      measured: `${large.median.toFixed(1)} vs ${small.median.toFixed(1)} MiB (${growthPercent(large, small)})`,
      met: large.median <= small.median * (1 + FLAT_TOLERANCE),
    });
  }
  report.notes.push(
    "Memory: peak RSS (maxRSS) of the whole child process, which includes Node, the SDK and the connector's modules; documents come from a generator wrapped in Readable.from, so none exists before it is pulled. Heap after full GC: process.memoryUsage().heapUsed after global.gc() once the run has finished.",
  );
  return report;
}

function mebibytes(kibibytes: number): number {
  return kibibytes / 1024;
}

function growthPercent(large: Summary, small: Summary): string {
  return `${((100 * large.median) / small.median - 100).toFixed(1)} %`;
}
