import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { packageRoot } from "../../core/manifest.js";

export const CLI = path.join(packageRoot(), "dist", "host", "cli.js");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Killed because it had not exited within `killAfterMs`. */
  killed?: boolean;
}

export interface CliOptions {
  stdin?: string;
  env?: Record<string, string>;
  /** A liveness bound, not a timing assertion: a process still running then is killed and reported as `killed`. */
  killAfterMs?: number;
  cli?: string;
}

/** Runs the CLI (`cli`: another build of it) as a separate process, as a user would; stdin is written then closed. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.cli ?? CLI, ...args], {
      env: { ...process.env, ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let killed = false;
    const bound =
      options.killAfterMs === undefined
        ? undefined
        : setTimeout(() => {
            killed = true;
            child.kill("SIGKILL");
          }, options.killAfterMs);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(bound);
      resolve({ code, stdout, stderr, ...(killed ? { killed } : {}) });
    });
    child.stdin.end(options.stdin ?? "");
  });
}

/** Runs `first | second`: the first process's stdout streams into the second's stdin. */
export function pipeCli(first: string[], second: string[]): Promise<{ first: CliRun; second: CliRun }> {
  return new Promise((resolve, reject) => {
    const a = spawn(process.execPath, [CLI, ...first], { stdio: ["ignore", "pipe", "pipe"] });
    const b = spawn(process.execPath, [CLI, ...second], { stdio: ["pipe", "pipe", "pipe"] });
    a.stdout.pipe(b.stdin);
    const runs = { first: { code: null, stdout: "", stderr: "" } as CliRun, second: { code: null, stdout: "", stderr: "" } as CliRun };
    a.stderr.setEncoding("utf8").on("data", (chunk: string) => (runs.first.stderr += chunk));
    b.stdout.setEncoding("utf8").on("data", (chunk: string) => (runs.second.stdout += chunk));
    b.stderr.setEncoding("utf8").on("data", (chunk: string) => (runs.second.stderr += chunk));
    let open = 2;
    const done = (which: "first" | "second") => (code: number | null) => {
      runs[which].code = code;
      if (--open === 0) resolve(runs);
    };
    a.on("error", reject).on("close", done("first"));
    b.on("error", reject).on("close", done("second"));
  });
}

/** A temporary directory with the given files (JSON values are serialised). */
export function tempFiles(files: Record<string, unknown>): (name: string) => string {
  const dir = mkdtempSync(path.join(tmpdir(), "sqs-connector-test-"));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
  }
  return (name) => path.join(dir, name);
}

export function ndjson(lines: unknown[]): string {
  return lines.map((line) => JSON.stringify(line)).join("\n") + "\n";
}

export function parseNdjson(text: string): Array<Record<string, unknown>> {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
