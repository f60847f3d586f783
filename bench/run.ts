import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { replaceLatestSection } from "./benchmarksFile.js";
import { BENCH_DIST, RESULTS_DIR } from "./childProcess.js";
import { startEmulatorProcess } from "./emulator.js";
import { startKinesisEmulatorProcess } from "./kinesisEmulator.js";
import { describeMachine, machineLine } from "./machine.js";
import { markdownTables, mergeReports, type ScenarioReport } from "./report.js";
import { coldStart } from "./scenarios/coldStart.js";
import { largePayloadSend } from "./scenarios/largePayloads.js";
import { heartbeatCost, listenThroughput } from "./scenarios/listen.js";
import { latencyReceiveDelete, latencySend } from "./scenarios/latencyScenarios.js";
import { trickle } from "./scenarios/trickle.js";
import { wholeProcessSend } from "./scenarios/wholeProcessSend.js";
import type { BenchContext } from "./scenarios/context.js";
import { memory } from "./scenarios/memory.js";
import { perDocumentOverhead } from "./scenarios/overhead.js";
import { putRecordsThroughput } from "./scenarios/putRecords.js";
import { receiveDelete } from "./scenarios/receiveDelete.js";
import { rolesAnywhere } from "./scenarios/rolesAnywhere.js";
import { sendThroughput } from "./scenarios/sendThroughput.js";
import { warmUpEmulator } from "./scenarios/warmUp.js";

/*
 * `npm run bench`: every scenario of issues 4, 12, 13 and 15 against the embedded SQS (and S3) running in
 * its own process (and issue 14's putRecords against the embedded Kinesis), every contender in a fresh child process per run, rounds
 * interleaved. A full run (all scenarios, at least 5 rounds) writes
 * bench/results/latest.json and the latest section of BENCHMARKS.md.
 * BENCH_ROUNDS and BENCH_ONLY (e.g. "1,3") make shorter runs that only print.
 */
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

const MIN_ROUNDS = 5;
const ALL_SCENARIOS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
const rounds = Number(process.env["BENCH_ROUNDS"] ?? MIN_ROUNDS);
const only = process.env["BENCH_ONLY"]?.split(",").map(Number) ?? ALL_SCENARIOS;
// Scenario 3's end-to-end cross-check uses scenario 1's runs.
const selected = new Set(only.includes(3) ? [...only, 1] : only);
const complete = ALL_SCENARIOS.every((n) => selected.has(n)) && rounds >= MIN_ROUNDS;

const started = performance.now();
const machine = describeMachine();
const log = (message: string): void => {
  process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
};
log(`${machineLine(machine)}; load average ${machine.loadAtStart.toFixed(2)}; ${rounds} rounds`);

const emulator = await startEmulatorProcess();
const reports: ScenarioReport[] = [];
try {
  const context: BenchContext = { emulator, rounds, log, filledQueues: [] };
  await warmUpEmulator(context);
  const sends = selected.has(1) ? await sendThroughput(context) : undefined;
  if (sends !== undefined) reports.push(sends.report);
  if (selected.has(2)) reports.push(await receiveDelete(context));
  for (const queueUrl of context.filledQueues.splice(0)) await emulator.deleteQueue(queueUrl);
  if (sends !== undefined && selected.has(3)) reports.push(await perDocumentOverhead(context, sends));
  if (selected.has(4)) reports.push(await rolesAnywhere(context));
  if (selected.has(5)) reports.push(await coldStart(context));
  if (selected.has(6)) reports.push(await memory(context));
  if (selected.has(7)) {
    const kinesis = await startKinesisEmulatorProcess();
    try {
      reports.push(await putRecordsThroughput(context, kinesis));
    } finally {
      await kinesis.stop();
    }
  }
  if (selected.has(8)) reports.push(await listenThroughput(context));
  if (selected.has(9)) reports.push(await heartbeatCost(context));
  if (selected.has(10)) reports.push(await largePayloadSend(context));
  if (selected.has(11)) reports.push(await latencySend(context));
  if (selected.has(12)) reports.push(await latencyReceiveDelete(context));
  if (selected.has(13)) reports.push(await trickle(context));
  if (selected.has(14)) reports.push(await wholeProcessSend(context));
} finally {
  await emulator.stop();
}

const report = mergeReports(reports);
const durationSeconds = (performance.now() - started) / 1000;
const loadAtEnd = loadavg()[0]!;
const tables = markdownTables(report);
process.stdout.write(tables);
log(`done in ${durationSeconds.toFixed(0)} s; load average ${loadAtEnd.toFixed(2)}`);

if (complete) {
  const finishedAt = new Date().toISOString();
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(
    path.join(RESULTS_DIR, "latest.json"),
    `${JSON.stringify({ finishedAt, durationSeconds, rounds, machine: { ...machine, loadAtEnd }, ...report }, null, 2)}\n`,
  );
  const section = [
    `Run ${finishedAt.slice(0, 16).replace("T", " ")} UTC on ${machineLine(machine)}; ${rounds} rounds; ${durationSeconds.toFixed(0)} s in all (build excluded); 1-minute load average ${machine.loadAtStart.toFixed(2)} at the start, ${loadAtEnd.toFixed(2)} at the end.`,
    "",
    tables,
    ...report.notes.map((note) => `- ${note}`),
  ].join("\n");
  replaceLatestSection(path.resolve(BENCH_DIST, "../../BENCHMARKS.md"), section);
  log("wrote bench/results/latest.json and the latest section of BENCHMARKS.md");
}
