import { CONTENDERS } from "./contenders/index.js";
import type { Measurement, RunSpec } from "./protocol.js";
import { startRequestMeter } from "./requestMeter.js";

/*
 * One contender, one run, in a fresh process: setup (modules, clients) is not
 * timed; the job is, by wall clock and by this process's CPU time. The
 * measurement is printed as the last line of stdout.
 */
const spec = JSON.parse(process.argv[2] ?? "{}") as RunSpec;
const contender = CONTENDERS[spec.contender];
if (contender === undefined) throw new Error(`unknown contender "${spec.contender}"`);

const prepared = await contender(spec);
const meter = startRequestMeter();
const cpuBefore = process.cpuUsage();
const started = performance.now();
const tally = await prepared.run();
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const requests = meter.stop();
await prepared.close();

const measurement: Measurement = {
  contender: spec.contender,
  wallMs,
  cpuUserUs: cpu.user,
  cpuSystemUs: cpu.system,
  maxRssKiB: process.resourceUsage().maxRSS,
  ...heapAfterFullGc(),
  ...requests,
  ...tally,
};
process.stdout.write(`${JSON.stringify(measurement)}\n`);

function heapAfterFullGc(): { heapAfterGcKiB?: number } {
  if (typeof globalThis.gc !== "function") return {};
  globalThis.gc();
  return { heapAfterGcKiB: process.memoryUsage().heapUsed / 1024 };
}
