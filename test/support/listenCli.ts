import { spawn, type ChildProcess } from "node:child_process";
import { CLI } from "./cli.js";

/** A `sqs-connector` process that is watched while it runs (listen), not only after it ends. */
export interface RunningCli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stderr has `count` lines matching `pattern` (the handler commands write there). */
  stderrLines(pattern: RegExp, count: number): Promise<string[]>;
  exited: Promise<number | null>;
}

export function startCli(args: string[], env: Record<string, string> = {}): RunningCli {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  const waiting: Array<() => void> = [];
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    err += chunk;
    for (const wake of waiting.splice(0)) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const matching = (pattern: RegExp) => err.split("\n").filter((line) => pattern.test(line));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async stderrLines(pattern, count) {
      while (matching(pattern).length < count) {
        if (child.exitCode !== null)
          throw new Error(`the CLI exited (${child.exitCode}) before writing ${count} lines like ${pattern}:\n${err}`);
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return matching(pattern);
    },
  };
}

/**
 * The command the listen tests run per message (`node handler.mjs MODE`): it
 * prints what it got (marked HANDLER, on stdout, which listen passes to its
 * stderr), then exits as MODE says. A hanging one watches its parent and exits
 * when the listener is gone, so a killed listener leaves no process behind.
 */
export const HANDLER_SCRIPT = `
import { readFileSync } from "node:fs";
// Read before the HANDLER line (the test kills the listener after it): Node reads the parent's pid on first use.
const parent = process.ppid;
const body = readFileSync(0, "utf8");
const mode = process.argv[2];
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith("SQS_")));
process.stdout.write("HANDLER " + JSON.stringify({ body, env }) + "\\n");
if (mode === "fail") process.exit(5);
if (mode === "fail-first" && process.env.SQS_RECEIVE_COUNT === "1") process.exit(7);
if (mode === "slow") setTimeout(() => process.exit(0), 300);
if (mode === "fail-second-once" && body.endsWith(":1") && process.env.SQS_RECEIVE_COUNT === "1") process.exit(7);
if (mode === "track") {
  // Counts the commands running at once (a file each in TRACK_DIR), and runs longer than three 2 s visibility timeouts.
  const { readdirSync, writeFileSync, rmSync } = await import("node:fs");
  const mine = process.env.TRACK_DIR + "/" + process.pid;
  writeFileSync(mine, "");
  process.stdout.write("RUNNING " + readdirSync(process.env.TRACK_DIR).length + "\\n");
  setTimeout(() => { rmSync(mine); process.exit(0); }, 6_500);
}
if (mode === "hang") {
  // process.ppid does not change when the parent dies: ask whether the parent still exists instead.
  setInterval(() => { try { process.kill(parent, 0); } catch { process.exit(0); } }, 100);
}
`;

/** A --worker that acknowledges everything except first deliveries of bodies starting with "nack". */
export const WORKER_SCRIPT = `
import { createInterface } from "node:readline";
for await (const line of createInterface({ input: process.stdin })) {
  const delivery = JSON.parse(line);
  process.stderr.write("WORKER " + line + "\\n");
  const nack = delivery.body.startsWith("nack") && delivery.attributes.ApproximateReceiveCount === "1";
  process.stdout.write(JSON.stringify({ id: delivery.id, ack: !nack, ...(nack ? { retryAfterSeconds: 0 } : {}) }) + "\\n");
}
`;
