import path from "node:path";
import { createInterface } from "node:readline";
import { withCliFiles } from "../cliFiles.js";
import { BENCH_DIST } from "../childProcess.js";
import { interleavedRounds } from "../interleave.js";
import { freshQueueName } from "../measure.js";
import { iotRecord } from "../records.js";
import { emptyReport, type ScenarioReport } from "../report.js";
import { percentile, summarize } from "../stats.js";
import { startWholeProcess } from "../wholeProcess.js";
import { GROUPS, type BenchContext } from "./context.js";

const DEFAULTS = "CLI send (defaults)";
const FORMER = "CLI send, lingerMs 20 (the former default)";
const CONTENDERS = [DEFAULTS, FORMER];
/** Documents per run, written to the CLI's stdin one every INTERVAL_MS. */
const DOCUMENTS = 200;
const INTERVAL_MS = 10;
const TARGET_P99_MS = 10;

interface TrickleRun {
  latencies: number[];
  requests: number;
}

/**
 * Scenario 13: a trickle through the CLI on loopback. One document every 10 ms
 * is written to `sqs-connector send`'s stdin; each one's time from the write
 * to its result line on stdout is recorded (after one unmeasured document that
 * lets the CLI start). With its defaults and with the former 20 ms linger.
 */
export async function trickle(context: BenchContext): Promise<ScenarioReport> {
  const scenario = "13. Trickle, write to result";
  const report = emptyReport();
  return withCliFiles(context.emulator, async ({ connection, write }) => {
    const former = write("former.json", JSON.stringify({ lingerMs: 20 }));
    const samples = await interleavedRounds(context.rounds, CONTENDERS, async (contender, round) => {
      const queueUrl = await context.emulator.createQueue(freshQueueName("trickle", false));
      const config = contender === FORMER ? ["--config", former] : [];
      const run = await trickleThrough(["send", "--connection", connection, "--queue-url", queueUrl, ...config]);
      await context.emulator.deleteQueue(queueUrl);
      context.log(`${scenario} round ${round + 1}: ${contender} p99 ${percentile(run.latencies, 99).toFixed(1)} ms`);
      return run;
    });
    for (const contender of CONTENDERS) {
      const runs = samples.get(contender)!;
      const p = (q: number) => summarize(runs.map((run) => percentile(run.latencies, q)));
      report.rows.push(
        { scenario, contender, metric: "write to result p50 ms", summary: p(50) },
        { scenario, contender, metric: "write to result p99 ms", summary: p(99) },
        { scenario, contender, metric: "requests per message", summary: summarize(runs.map((run) => run.requests / (DOCUMENTS + 1))) },
      );
    }
    const p99 = summarize(samples.get(DEFAULTS)!.map((run) => percentile(run.latencies, 99)));
    report.targets.push({
      scenario,
      target: `${DEFAULTS}: write-to-result p99 < ${TARGET_P99_MS} ms on loopback`,
      measured: `${p99.median.toFixed(1)} ms (${p99.min.toFixed(1)}-${p99.max.toFixed(1)})`,
      met: p99.median < TARGET_P99_MS,
    });
    report.notes.push(
      `Trickle: ${DOCUMENTS} documents of 1 KiB, one every ${INTERVAL_MS} ms, written to the stdin of \`sqs-connector send\` against the bench's emulator on loopback; the time from each write to its result line on stdout, measured by the bench process; percentiles per run, median over rounds. Requests per message counts every HTTP request of the process (GetQueueAttributes too).`,
    );
    return report;
  });
}

/** Runs the CLI with `args`, feeds it the trickle and records each document's write-to-result time. */
async function trickleThrough(args: string[]): Promise<TrickleRun> {
  const latencies: number[] = [];
  const usage = await startWholeProcess([path.join(BENCH_DIST, "../host/cli.js"), ...args], (child) => {
    const writtenAt = new Map<number, number>();
    const write = (index: number): void => {
      writtenAt.set(index, performance.now());
      child.stdin!.write(`${JSON.stringify({ body: iotRecord(index, GROUPS) })}\n`);
    };
    let next = 1;
    let startedAt = 0;
    const tick = (): void => {
      write(next++);
      // Open loop, on a fixed schedule: a slow result does not delay the next write.
      if (next <= DOCUMENTS) setTimeout(tick, Math.max(0, startedAt + (next - 1) * INTERVAL_MS - performance.now()));
    };
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const { index } = JSON.parse(line) as { index: number };
      if (index === 0) {
        // The CLI has started and sent its first document: the trickle begins.
        startedAt = performance.now();
        tick();
        return;
      }
      latencies.push(performance.now() - writtenAt.get(index)!);
      if (latencies.length === DOCUMENTS) child.stdin!.end();
    });
    write(0);
  });
  return { latencies, requests: usage.requests };
}
