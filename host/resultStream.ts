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

/** Writes results as NDJSON, waiting for the stream when it is full (a slow reader slows the run, not memory). */
export async function writeResults(results: AsyncIterable<OperationResult>, out: Writable, tally: Tally): Promise<void> {
  for await (const result of results) {
    if (result.status === "success") tally.succeeded += 1;
    else tally.failed += 1;
    if (!out.write(JSON.stringify(result) + "\n")) await new Promise<void>((resolve) => out.once("drain", resolve));
  }
}
