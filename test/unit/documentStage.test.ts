import assert from "node:assert/strict";
import { ConnectorError } from "../../core/errors.js";
import type { OperationResult } from "../../core/types.js";
import { runBatchPipeline, type BatchPipelineOptions, type PipelineItem } from "../../operations/pipeline/batchPipeline.js";
import type { DocumentStage } from "../../operations/pipeline/documentStage.js";
import { collect } from "../support/embeddedSqs.js";

/** A document: its FIFO group, whether the stage takes it, how long its step takes (ms), and what the step does. */
type Doc = { group?: string; staged?: boolean; delay?: number; bytes?: number; fate?: "error" | "throw" | "fatal" | "bogus" };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A pipeline with a stage; the sender records the order items were sent in. */
function staged(stage: Partial<DocumentStage<Doc>> = {}, overrides: Partial<BatchPipelineOptions<Doc>> = {}) {
  const sent: number[] = [];
  let running = 0;
  let maxRunning = 0;
  const options: BatchPipelineOptions<Doc> = {
    maxEntries: 10,
    maxBytes: 100000,
    lingerMs: 1,
    concurrency: 4,
    window: 100,
    prepare: (document, index) => {
      const doc = document as Doc;
      return { item: { index, entry: doc, bytes: doc.bytes ?? 1, batchKey: "q", orderKey: doc.group } };
    },
    send: async (items) => {
      sent.push(...items.map((i) => i.index));
      await new Promise((resolve) => setImmediate(resolve));
      return items.map((i) => ({ index: i.index, status: "success", document: { sent: i.index, entry: i.entry } }));
    },
    isFatal: (error) => error.kind === "auth",
    service: { name: "SQS", rejectedCode: "SQS_REQUEST_REJECTED" },
    stage: {
      concurrency: 3,
      maxBytes: 1000,
      wants: (item) => item.entry.staged === true,
      async run(item: PipelineItem<Doc>) {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        try {
          await sleep(item.entry.delay ?? 1);
          switch (item.entry.fate) {
            case "error":
              return { error: { code: "PAYLOAD_TOO_LARGE", message: "too large", retryable: false } };
            case "throw":
              throw new Error("upload blew up");
            case "fatal":
              throw new ConnectorError("AUTH_FAILED", "credentials refused");
            case "bogus":
              return { item: { ...item, index: item.index + 1000 } };
            default:
              return { item: { ...item, entry: { ...item.entry, staged: false }, bytes: 1 } };
          }
        } finally {
          running -= 1;
        }
      },
      ...stage,
    },
    ...overrides,
  };
  return { options, sent, maxRunning: () => maxRunning };
}

describe("batch pipeline with a document stage", () => {
  it("gives every document one result in input order, and keeps each order key's order however long its steps take", async () => {
    // Early documents of each group take longest, so without the turn-taking later ones would overtake them.
    const docs: Doc[] = Array.from({ length: 60 }, (_, i) => ({
      group: `g${i % 4}`,
      staged: i % 3 !== 0,
      delay: i % 3 === 0 ? 0 : 30 - (i % 29),
    }));
    const { options, sent } = staged();
    const results = await collect(runBatchPipeline(docs, options));
    assert.deepEqual(
      results.map((r) => [r.index, r.status]),
      docs.map((_, i) => [i, "success"]),
    );
    for (const group of ["g0", "g1", "g2", "g3"]) {
      const order = sent.filter((index) => docs[index]!.group === group);
      assert.deepEqual(
        order,
        [...order].sort((a, b) => a - b),
        `group ${group} was sent out of order`,
      );
    }
  });

  it("lets documents without an order key, or of other keys, go ahead of a slow step", async () => {
    const docs: Doc[] = [{ group: "a", staged: true, delay: 80 }, { group: "a" }, { group: "b" }, {}];
    const { options, sent } = staged();
    await collect(runBatchPipeline(docs, options));
    assert.ok(sent.indexOf(2) < sent.indexOf(0) && sent.indexOf(3) < sent.indexOf(0), `sent ${sent.join(",")}`);
    assert.ok(sent.indexOf(1) > sent.indexOf(0), "a's second document waited for its first");
  });

  it("runs at most `concurrency` steps at once, and a single item larger than maxBytes alone", async () => {
    const docs: Doc[] = Array.from({ length: 20 }, () => ({ staged: true, delay: 5 }));
    const bounded = staged();
    await collect(runBatchPipeline(docs, bounded.options));
    assert.equal(bounded.maxRunning(), 3);
    const large = staged({ maxBytes: 100 });
    const results = await collect(
      runBatchPipeline(
        docs.map((d) => ({ ...d, bytes: 60 })),
        large.options,
      ),
    );
    assert.equal(large.maxRunning(), 1, "two 60-byte items exceed 100 bytes together");
    assert.equal(results.filter((r) => r.status === "success").length, 20);
  });

  it("makes whatever a step answers amiss that document's error alone", async () => {
    const docs: Doc[] = [
      { staged: true },
      { staged: true, fate: "error" },
      { staged: true, fate: "throw" },
      { staged: true, fate: "bogus" },
      {},
    ];
    const { options } = staged();
    const results = await collect(runBatchPipeline(docs, options));
    assert.deepEqual(
      results.map((r) => (r.status === "error" ? r.error.code : r.status)),
      ["success", "PAYLOAD_TOO_LARGE", "DOCUMENT_INVALID", "DOCUMENT_INVALID", "success"],
    );
  });

  it("stops the run on a fatal step failure, with one result for every document it had taken", async () => {
    const docs: Doc[] = Array.from({ length: 30 }, (_, i) => ({
      staged: true,
      delay: 10,
      ...(i === 4 ? { fate: "fatal" as const, delay: 1 } : {}),
    }));
    const { options } = staged();
    const results: OperationResult[] = [];
    await assert.rejects(
      async () => {
        for await (const result of runBatchPipeline(docs, options)) results.push(result);
      },
      (error: unknown) => error instanceof ConnectorError && error.code === "AUTH_FAILED",
    );
    assert.deepEqual(
      results.map((r) => r.index),
      [...results.keys()],
    );
    assert.ok(results.some((r) => r.status === "error" && r.error.code === "AUTH_FAILED"));
  });

  it("ends with every taken document answered when the host cancels while steps run", async () => {
    const abort = new AbortController();
    const docs: Doc[] = Array.from({ length: 12 }, () => ({ staged: true, delay: 40 }));
    const { options } = staged({}, { signal: abort.signal });
    setTimeout(() => abort.abort(), 20);
    const results = await collect(runBatchPipeline(docs, options));
    assert.deepEqual(
      results.map((r) => r.index),
      [...results.keys()],
    );
    assert.ok(results.some((r) => r.status === "error" && r.error.code === "ABORTED"));
  });
});
