import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** dist/bench, where the compiled child scripts live. */
export const BENCH_DIST = path.dirname(fileURLToPath(import.meta.url));
/** bench/results in the source tree (git-ignored profiles, committed latest.json). */
export const RESULTS_DIR = path.resolve(BENCH_DIST, "../../bench/results");

const CHILD_ENV = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };

export interface ChildOutput {
  stdout: string;
  /** Milliseconds from spawn to the first byte on stdout, and to exit. */
  firstOutputMs: number;
  exitMs: number;
}

/**
 * Runs `node <script> ...args` to completion and returns its stdout. When
 * `label` contains BENCH_PROFILE (e.g. BENCH_PROFILE="connector send"), the
 * child writes a CPU profile (node --cpu-prof) into bench/results/.
 */
export function runNode(script: string, args: string[], label: string, nodeOptions: string[] = []): Promise<ChildOutput> {
  const nodeArgs = [...nodeOptions, ...profileArgs(label)];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstOutputMs = Number.NaN;
    const child = spawn(process.execPath, [...nodeArgs, script, ...args], { env: CHILD_ENV, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => {
      if (out.length === 0) firstOutputMs = performance.now() - started;
      out.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const exitMs = performance.now() - started;
      if (code === 0) resolve({ stdout: Buffer.concat(out).toString("utf8"), firstOutputMs, exitMs });
      else reject(new Error(`${label} exited with ${code}: ${Buffer.concat(err).toString("utf8").trim().slice(-2000)}`));
    });
  });
}

/** The last non-empty line of a child's stdout, parsed. */
export function lastJsonLine<T>(stdout: string): T {
  const lines = stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1] ?? "null") as T;
}

/** The compiled bench script `name` (e.g. "measuredRun.js"). */
export function benchScript(name: string): string {
  return path.join(BENCH_DIST, name);
}

function profileArgs(label: string): string[] {
  const wanted = process.env["BENCH_PROFILE"];
  if (wanted === undefined || wanted === "" || !label.toLowerCase().includes(wanted.toLowerCase())) return [];
  mkdirSync(RESULTS_DIR, { recursive: true });
  const name = `${label.replace(/[^A-Za-z0-9]+/g, "-")}-${Date.now()}.cpuprofile`;
  return ["--cpu-prof", "--cpu-prof-dir", RESULTS_DIR, "--cpu-prof-name", name];
}
