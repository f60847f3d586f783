import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { benchScript } from "./childProcess.js";
import type { RequestCounts } from "./requestMeter.js";

/** What a whole process used, from spawn to exit: wall time measured outside, the rest reported by bench/processUsage.ts. */
export interface ProcessUsage extends RequestCounts {
  wallMs: number;
  cpuUserUs: number;
  cpuSystemUs: number;
  maxRssKiB: number;
  stdoutBytes: number;
}

/**
 * Starts `node <args>` with bench/processUsage.ts preloaded. `drive` may talk
 * to the child (write its stdin, read its stdout) and must end its stdin; the
 * result resolves once the child has exited with status `expectedExit`.
 */
export function startWholeProcess(args: string[], drive: (child: ChildProcess) => void, expectedExit = 0): Promise<ProcessUsage> {
  const directory = mkdtempSync(path.join(tmpdir(), "sqs-connector-bench-usage-"));
  const usageFile = path.join(directory, "usage.json");
  return new Promise<ProcessUsage>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", benchScript("processUsage.js"), ...args], {
      env: { ...process.env, BENCH_USAGE_FILE: usageFile, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdoutBytes = 0;
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdoutBytes += chunk.length));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const wallMs = performance.now() - started;
      try {
        if (code !== expectedExit) throw new Error(`${args.join(" ")} exited with ${code}: ${stderr.slice(-2000)}`);
        const usage = JSON.parse(readFileSync(usageFile, "utf8")) as Omit<ProcessUsage, "wallMs" | "stdoutBytes">;
        resolve({ ...usage, wallMs, stdoutBytes });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    });
    drive(child);
  });
}
