import type { Writable } from "node:stream";
import type { DocumentError, Operation, OperationResult } from "../connector/index.js";
import type { InputLine } from "./ndjsonInput.js";

/**
 * Runs an operation over input lines and yields one result per line, indexed by
 * line: lines that were not documents (bad JSON, too long) get their error in
 * place, between the operation's results.
 */
export async function* executeOverLines(operation: Operation, lines: AsyncIterable<InputLine>): AsyncGenerator<OperationResult> {
  const lineOfDocument: number[] = [];
  const invalid: Array<{ index: number; error: DocumentError }> = [];
  let next = 0;
  async function* documents(): AsyncGenerator<unknown> {
    for await (const line of lines) {
      const index = next++;
      if (line.kind === "document") {
        lineOfDocument.push(index);
        yield line.value;
      } else {
        invalid.push({ index, error: line.error });
      }
    }
  }
  for await (const result of operation.execute(documents())) {
    const index = lineOfDocument.shift()!;
    while (invalid.length > 0 && invalid[0]!.index < index) yield { status: "error", ...invalid.shift()! };
    yield { ...result, index };
  }
  for (const line of invalid) yield { status: "error", ...line };
}

export interface Tally {
  succeeded: number;
  failed: number;
}

/** Which results a command writes: all of them (the default), or only the errors (a bulk load's 20,000 successes are noise). */
export type ResultSelection = "all" | "errors";

/** Results gathered before one write: large enough to amortise the system call, small next to the pipe's buffer. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Writes results as NDJSON (only error results with `errors`), counting every
 * result in `tally`. Lines are gathered and written once per event-loop turn
 * or per 64 KiB, not once per result: a write to a pipe is a system call, and
 * under load results arrive in bursts. A lone result still leaves at the end
 * of its turn. When the stream is full the loop waits for it (a slow reader
 * slows the run, not memory).
 */
export async function writeResults(
  results: AsyncIterable<OperationResult>,
  out: Writable,
  tally: Tally,
  selection: ResultSelection = "all",
): Promise<void> {
  let pending = "";
  let scheduled: NodeJS.Immediate | undefined;
  let full: Promise<void> | undefined;
  const flush = (): void => {
    scheduled = undefined;
    if (pending === "") return;
    if (!out.write(pending)) full ??= new Promise<void>((resolve) => out.once("drain", resolve));
    pending = "";
  };
  try {
    for await (const result of results) {
      if (result.status === "success") tally.succeeded += 1;
      else tally.failed += 1;
      if (selection === "errors" && result.status === "success") continue;
      pending += `${JSON.stringify(result)}\n`;
      if (pending.length >= CHUNK_CHARS) flush();
      else scheduled ??= setImmediate(flush);
      if (full !== undefined) {
        await full;
        full = undefined;
      }
    }
  } finally {
    clearImmediate(scheduled);
    flush();
  }
  if (full !== undefined) await full;
}
