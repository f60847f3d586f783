import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { ConnectorError, type Logger, type MessageHandler } from "../../connector/index.js";
import { commandUnusable, terminate } from "./childProcesses.js";

/** How long a worker may take to exit after its stdin closes before it is terminated. */
const EXIT_GRACE_MS = 10_000;

interface Pending {
  resolve(): void;
  reject(error: Error): void;
}

/**
 * `sqs-connector listen --worker -- COMMAND`: one long-running COMMAND that gets
 * one NDJSON line per delivery on its stdin (the listen document plus `id`, the
 * delivery id) and answers `{"id", "ack": true|false, "retryAfterSeconds"?}` per
 * line on its stdout, in any order. Its stderr goes to ours. A worker that exits
 * while the listener runs ends the listener (exit 1); what it held is released.
 */
export class WorkerProcess {
  private readonly child: ChildProcess;
  private readonly pending = new Map<string, Pending>();
  private closing = false;
  private readonly exited: Promise<unknown>;

  constructor(
    command: string,
    args: string[],
    private readonly logger: Logger,
    failed: (error: ConnectorError) => void,
  ) {
    this.child = spawn(command, args, { stdio: ["pipe", "pipe", 2], detached: true });
    this.exited = once(this.child, "exit").catch(() => undefined);
    this.child.on("error", (error: NodeJS.ErrnoException) => failed(commandUnusable(command, error)));
    this.child.stdin?.on("error", () => {});
    createInterface({ input: this.child.stdout! }).on("line", (line) => this.answer(line));
    this.child.on("exit", (code, signal) => {
      for (const pending of this.pending.values()) pending.reject(new Error(`the worker exited before answering`));
      this.pending.clear();
      if (this.closing) return;
      const how = signal === null ? `with status ${String(code)}` : `by ${signal}`;
      failed(new ConnectorError("HANDLER_FAILED", `The worker "${command}" exited ${how} while the listener ran; the listener stopped.`));
    });
  }

  readonly handler: MessageHandler = (document, context) =>
    new Promise<void>((resolve, reject) => {
      const id = context.deliveryId;
      this.pending.set(id, { resolve, reject });
      // The listener no longer waits for this delivery: a late answer is ignored.
      context.signal.addEventListener("abort", () => this.pending.delete(id) && resolve(), { once: true });
      this.child.stdin?.write(`${JSON.stringify({ id, ...document })}\n`);
    });

  /** Closes the worker's stdin (no more deliveries) and waits for it to exit. */
  async close(): Promise<void> {
    this.closing = true;
    this.child.stdin?.end();
    const timer = setTimeout(() => terminate(this.child), EXIT_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }

  private answer(line: string): void {
    if (line.trim() === "") return;
    let reply: { id?: unknown; ack?: unknown; retryAfterSeconds?: unknown };
    try {
      reply = JSON.parse(line) as typeof reply;
    } catch {
      this.logger.warn(`The worker wrote a line that is not JSON; expected {"id", "ack": true|false}.`);
      return;
    }
    const pending = typeof reply.id === "string" ? this.pending.get(reply.id) : undefined;
    if (pending === undefined || typeof reply.ack !== "boolean") {
      this.logger.warn(
        `The worker answered ${JSON.stringify(reply.id)}, which is no delivery waiting for an answer (or "ack" is not a boolean).`,
      );
      return;
    }
    this.pending.delete(reply.id as string);
    if (reply.ack) pending.resolve();
    else pending.reject(Object.assign(new Error(`the worker answered ack: false`), { retryAfterSeconds: reply.retryAfterSeconds }));
  }
}
