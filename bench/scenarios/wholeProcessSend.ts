import path from "node:path";
import { withCliFiles } from "../cliFiles.js";
import { BENCH_DIST, benchScript } from "../childProcess.js";
import { interleavedRounds } from "../interleave.js";
import { freshQueueName } from "../measure.js";
import { iotRecord } from "../records.js";
import { emptyReport, ratioRange, type ScenarioReport } from "../report.js";
import { pairedRatios, summarize } from "../stats.js";
import { startWholeProcess, type ProcessUsage } from "../wholeProcess.js";
import { GROUPS, MESSAGE_COUNT, type BenchContext } from "./context.js";

const CLI = "CLI send (defaults)";
const CLI_ERRORS = "CLI send --results errors";
const SCRIPT = "hand-written SDK script";
const CONTENDERS = [CLI, CLI_ERRORS, SCRIPT];

/**
 * Scenario 14: `sqs-connector send --input FILE` as a whole process against a
 * hand-written script doing the same job (bench/fileSendScript.ts): 20,000
 * documents from an NDJSON file to a fresh queue, one result line per
 * document on stdout (read and dropped by the bench, as a pipe's reader
 * would), timed from spawn to exit, CPU and peak RSS of the whole process.
 */
export async function wholeProcessSend(context: BenchContext): Promise<ScenarioReport> {
  const scenario = "14. Whole process, send a file";
  const report = emptyReport();
  return withCliFiles(context.emulator, async ({ connection, write }) => {
    const { endpoint, region } = context.emulator;
    const input = write(
      "documents.ndjson",
      Array.from({ length: MESSAGE_COUNT }, (_, i) => `${JSON.stringify({ body: iotRecord(i, GROUPS) })}\n`).join(""),
    );
    const cli = path.join(BENCH_DIST, "../host/cli.js");
    const argsOf = (contender: string, queueUrl: string): string[] =>
      contender === SCRIPT
        ? [benchScript("fileSendScript.js"), endpoint, region, queueUrl, input]
        : [
            cli,
            "send",
            "--connection",
            connection,
            "--queue-url",
            queueUrl,
            "--input",
            input,
            ...(contender === CLI_ERRORS ? ["--results", "errors"] : []),
          ];
    const runOnce = async (contender: string): Promise<ProcessUsage> => {
      const queueUrl = await context.emulator.createQueue(freshQueueName("file", false));
      const usage = await startWholeProcess(argsOf(contender, queueUrl), (child) => child.stdin!.end());
      const stored = await context.emulator.messageCount(queueUrl);
      if (stored !== MESSAGE_COUNT) throw new Error(`${contender} left ${stored} messages, not ${MESSAGE_COUNT}`);
      await context.emulator.deleteQueue(queueUrl);
      return usage;
    };
    // One unmeasured run of each: the file and the modules in the page cache, as for every measured run.
    for (const contender of CONTENDERS) await runOnce(contender);
    const samples = await interleavedRounds(context.rounds, CONTENDERS, async (contender, round) => {
      const usage = await runOnce(contender);
      context.log(`${scenario} round ${round + 1}: ${contender} ${usage.wallMs.toFixed(0)} ms, CPU ${cpuMs(usage).toFixed(0)} ms`);
      return usage;
    });
    const script = samples.get(SCRIPT)!;
    for (const contender of CONTENDERS) {
      const runs = samples.get(contender)!;
      const versus = contender !== SCRIPT;
      // Speed: the script's wall time over this one's, so more is faster, as for messages/s elsewhere.
      const speed = summarize(
        pairedRatios(
          script.map((u) => u.wallMs),
          runs.map((u) => u.wallMs),
        ),
      );
      const cpu = summarize(pairedRatios(runs.map(cpuMs), script.map(cpuMs)));
      report.rows.push(
        {
          scenario,
          contender,
          metric: "wall ms",
          summary: summarize(runs.map((u) => u.wallMs)),
          ...(versus ? { relative: `${ratioRange(speed)} the script's speed` } : {}),
        },
        {
          scenario,
          contender,
          metric: "CPU ms",
          summary: summarize(runs.map(cpuMs)),
          ...(versus ? { relative: `${ratioRange(cpu)} the script's CPU` } : {}),
        },
        { scenario, contender, metric: "peak RSS MiB", summary: summarize(runs.map((u) => u.maxRssKiB / 1024)) },
        { scenario, contender, metric: "stdout MiB", summary: summarize(runs.map((u) => u.stdoutBytes / 1024 ** 2)) },
        { scenario, contender, metric: "requests per message", summary: summarize(runs.map((u) => u.requests / MESSAGE_COUNT)) },
      );
      if (contender === CLI) {
        report.targets.push(
          { scenario, target: `${CLI} >= 1.0x ${SCRIPT} on wall time (speed)`, measured: ratioRange(speed), met: speed.median >= 1 },
          { scenario, target: `${CLI} <= 1.0x ${SCRIPT} on CPU`, measured: ratioRange(cpu), met: cpu.median <= 1 },
        );
      }
    }
    report.notes.push(
      `Whole process: ${MESSAGE_COUNT.toLocaleString("en-US")} documents of 1 KiB in an NDJSON file, sent to a fresh queue on loopback; the script reads lines with readline, sends SendMessageBatch with 8 in flight and prints one JSON line per message (the CLI: its result envelope per document, and with --results errors nothing for successes). Wall time from spawn to exit; CPU (user + system) and peak RSS of the whole process from process.cpuUsage() and resourceUsage() at its exit (bench/processUsage.ts, preloaded into every contender).`,
    );
    return report;
  });
}

function cpuMs(usage: ProcessUsage): number {
  return (usage.cpuUserUs + usage.cpuSystemUs) / 1000;
}
