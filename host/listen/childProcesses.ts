import type { ChildProcess } from "node:child_process";
import { ConnectorError, type ListenDocument } from "../../connector/index.js";

/** How long a command may take to exit after SIGTERM before it gets SIGKILL. */
const KILL_GRACE_MS = 5_000;

/**
 * Ends a command started with `detached: true` (its own process group, so that a
 * terminal's Ctrl-C reaches only the listener, which then drains): SIGTERM to the
 * group, SIGKILL after a grace period if it has not exited.
 */
export function terminate(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const pid = child.pid;
  signalGroup(pid, "SIGTERM");
  const timer = setTimeout(() => signalGroup(pid, "SIGKILL"), KILL_GRACE_MS);
  child.once("exit", () => clearTimeout(timer));
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** A command that cannot be started at all: no message can ever succeed, so the listener ends (exit 2). */
export function commandUnusable(command: string, error: NodeJS.ErrnoException): ConnectorError {
  const reason = error.code === "ENOENT" ? "it was not found (check the name and PATH)" : `${error.code ?? "error"}: ${error.message}`;
  return new ConnectorError("CONFIG_INVALID", `Cannot run the command "${command}": ${reason}.`, { field: "command" });
}

/** The decoded body as the command reads it on stdin: text as it is, a JSON body (bodyEncoding json) as JSON. */
export function bodyText(document: ListenDocument): string {
  return typeof document.body === "string" ? document.body : JSON.stringify(document.body);
}
