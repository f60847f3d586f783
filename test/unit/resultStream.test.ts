import assert from "node:assert/strict";
import { Writable } from "node:stream";
import type { OperationResult } from "../../connector/index.js";
import { resultSelection } from "../../host/commands/command.js";
import { writeResults, type Tally } from "../../host/resultStream.js";

const success = (index: number): OperationResult => ({ index, status: "success", document: { messageId: `m${index}` } });
const failure = (index: number): OperationResult => ({
  index,
  status: "error",
  error: { code: "MESSAGE_BODY_EMPTY", message: "body is empty", retryable: false },
});

/** A stdout stand-in that records each write. */
function sink() {
  const writes: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push(chunk.toString("utf8"));
      done();
    },
  });
  return { out, writes, lines: () => writes.join("").split("\n").filter(Boolean) };
}

async function* arriving(results: OperationResult[], pauseAfter?: number): AsyncGenerator<OperationResult> {
  for (const [i, result] of results.entries()) {
    yield result;
    // A pause in the input: the event loop turns over before the next result.
    if (i === pauseAfter) await new Promise((resolve) => setImmediate(resolve));
  }
}

describe("result output (CLI)", () => {
  it("writes every result by default, and only the errors with --results errors, counting all of them", async () => {
    const results = [success(0), failure(1), success(2), failure(3)];
    for (const [selection, written] of [
      ["all", [0, 1, 2, 3]],
      ["errors", [1, 3]],
    ] as const) {
      const { out, lines } = sink();
      const tally: Tally = { succeeded: 0, failed: 0 };
      await writeResults(arriving(results), out, tally, selection);
      assert.deepEqual(
        lines().map((line) => (JSON.parse(line) as OperationResult).index),
        written,
        selection,
      );
      assert.deepEqual(tally, { succeeded: 2, failed: 2 });
    }
  });

  it("gathers results that arrive together into one write, and writes what arrived before a pause at once", async () => {
    const { out, writes } = sink();
    await writeResults(arriving([success(0), success(1), success(2), success(3), success(4)], 2), out, { succeeded: 0, failed: 0 });
    assert.deepEqual(
      writes.map((chunk) => chunk.split("\n").filter(Boolean).length),
      [3, 2],
    );
  });

  it("--results takes all (the default) or errors, nothing else", () => {
    assert.equal(resultSelection(undefined), "all");
    assert.equal(resultSelection("errors"), "errors");
    assert.throws(() => resultSelection("none"), /--results must be all or errors, not "none"/);
  });
});
