import type { Logger, Progress } from "../connector/index.js";

/** Log lines to stderr (stdout carries results only). */
export function stderrLogger(verbose: boolean): Logger {
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    const extra = fields === undefined ? "" : ` ${JSON.stringify(fields)}`;
    process.stderr.write(`sqs-connector ${level}: ${message}${extra}\n`);
  };
  return { debug: verbose ? write("debug") : () => {}, info: write("info"), warn: write("warn"), error: write("error") };
}

/**
 * A progress line on a terminal for long runs: rewritten in place at most a few
 * times a second, cleared at the end; silent when stderr is not a TTY.
 */
export function progressLine(label: string, enabled = process.stderr.isTTY === true): { update(p: Progress): void; end(): void } {
  const started = performance.now();
  let last = 0;
  let shown = false;
  return {
    update(progress) {
      if (!enabled) return;
      const now = performance.now();
      if (now - last < 250) return;
      last = now;
      shown = true;
      const rate = Math.round(progress.done / ((now - started) / 1000));
      process.stderr.write(`\r${label}: ${progress.done} done, ${progress.failed} failed, ${rate}/s   `);
    },
    end() {
      if (shown) process.stderr.write("\r\x1b[2K");
    },
  };
}
