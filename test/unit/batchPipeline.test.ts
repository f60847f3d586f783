import assert from "node:assert/strict";
import { ConnectorError } from "../../core/errors.js";
import type { OperationResult } from "../../core/types.js";
import { runBatchPipeline, type BatchPipelineOptions, type PipelineItem } from "../../operations/pipeline/batchPipeline.js";
import type { ConcurrencyLimit } from "../../operations/pipeline/concurrencyLimit.js";
import { adaptiveLinger, fixedLinger } from "../../operations/pipeline/lingerPolicy.js";
import { collect } from "../support/embeddedSqs.js";

type Doc = { group?: string; bytes?: number; bad?: boolean };

/** A pipeline whose sender records batches; `respond` decides each batch's fate. */
function pipeline(
  overrides: Partial<BatchPipelineOptions<Doc>> = {},
  respond?: (items: PipelineItem<Doc>[]) => Promise<OperationResult[]>,
) {
  const batches: number[][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const options: BatchPipelineOptions<Doc> = {
    maxEntries: 10,
    maxBytes: 1000,
    lingerMs: 1,
    concurrency: 4,
    window: 100,
    prepare: (document, index) => {
      const doc = document as Doc;
      if (doc.bad === true) return { error: { code: "DOCUMENT_INVALID", message: "bad", retryable: false } };
      return { item: { index, entry: doc, bytes: doc.bytes ?? 1, batchKey: "q", orderKey: doc.group } };
    },
    send: async (items) => {
      batches.push(items.map((i) => i.index));
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        if (respond !== undefined) return await respond(items);
        await new Promise((resolve) => setImmediate(resolve));
        return items.map((i) => ({ index: i.index, status: "success", document: { sent: i.index } }));
      } finally {
        inFlight -= 1;
      }
    },
    isFatal: (error) => error.kind === "auth",
    service: { name: "SQS", rejectedCode: "SQS_REQUEST_REJECTED" },
    ...overrides,
  };
  return { options, batches, maxInFlight: () => maxInFlight };
}

describe("batch pipeline", () => {
  it("yields one result per document, in input order, with failures in place", async () => {
    const { options } = pipeline();
    const docs: Doc[] = Array.from({ length: 25 }, (_, i) => (i % 7 === 3 ? { bad: true } : {}));
    const results = await collect(runBatchPipeline(docs, options));
    assert.deepEqual(
      results.map((r) => r.index),
      [...docs.keys()],
    );
    assert.deepEqual(
      results.map((r) => r.status),
      docs.map((d) => (d.bad === true ? "error" : "success")),
    );
  });

  it("fills batches up to the entry and byte limits", async () => {
    // A long linger: batches must leave because they are full (or the input ended), never because a loaded machine was slow.
    const { options, batches } = pipeline({ concurrency: 1, lingerMs: 60_000 });
    await collect(
      runBatchPipeline(
        Array.from({ length: 23 }, () => ({})),
        options,
      ),
    );
    assert.deepEqual(
      batches.map((b) => b.length),
      [10, 10, 3],
    );
    const bytes = pipeline({ concurrency: 1, lingerMs: 60_000 });
    await collect(
      runBatchPipeline(
        Array.from({ length: 5 }, () => ({ bytes: 400 })),
        bytes.options,
      ),
    );
    assert.deepEqual(
      bytes.batches.map((b) => b.length),
      [2, 2, 1],
    );
  });

  it("never has two batches of one order key in flight, and keeps each key's order", async () => {
    const { options, batches } = pipeline({ concurrency: 8, lingerMs: 0 }, async (items) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return items.map((i) => ({ index: i.index, status: "success" as const, document: {} }));
    });
    const groups = ["a", "b", "c"];
    const docs = Array.from({ length: 90 }, (_, i) => ({ group: groups[i % 3]! }));
    const inFlightGroups = new Set<string>();
    const send = options.send.bind(options);
    options.send = async (items, signal) => {
      const keys = new Set(items.map((i) => i.orderKey!));
      for (const key of keys) assert.ok(!inFlightGroups.has(key), `group ${key} sent twice at once`);
      keys.forEach((k) => inFlightGroups.add(k));
      try {
        return await send(items, signal);
      } finally {
        keys.forEach((k) => inFlightGroups.delete(k));
      }
    };
    await collect(runBatchPipeline(docs, options));
    const sentOrder = batches.flat();
    for (const group of groups) {
      const indexes = sentOrder.filter((i) => docs[i]!.group === group);
      assert.deepEqual(
        indexes,
        [...indexes].sort((x, y) => x - y),
        `group ${group} reordered`,
      );
    }
  });

  it("puts at most maxPerOrderKey items of one order key in a batch, filling it from other keys", async () => {
    const { options, batches } = pipeline({ concurrency: 1, maxPerOrderKey: 1 });
    const docs = ["a", "a", "a", "b", "b", "c"].map((group) => ({ group }));
    await collect(runBatchPipeline(docs, options));
    assert.deepEqual(batches, [[0, 3, 5], [1, 4], [2]]);
  });

  it("runs batches of a standard queue concurrently up to the limit", async () => {
    const run = pipeline({ concurrency: 3, lingerMs: 0 }, async (items) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      return items.map((i) => ({ index: i.index, status: "success" as const, document: {} }));
    });
    await collect(
      runBatchPipeline(
        Array.from({ length: 100 }, () => ({})),
        run.options,
      ),
    );
    assert.equal(run.maxInFlight(), 3);
  });

  it("pulls no more than the window ahead of the results taken (memory stays flat)", async () => {
    const { options } = pipeline({ window: 30 });
    let pulled = 0;
    function* endless() {
      for (;;) {
        pulled += 1;
        yield {};
      }
    }
    let taken = 0;
    for await (const _result of runBatchPipeline(endless(), options)) {
      taken += 1;
      assert.ok(pulled - taken <= 31, `pulled ${pulled} with ${taken} taken`);
      if (taken === 500) break;
    }
  });

  it("on a fatal error, gives every taken document a result, then throws", async () => {
    const { options } = pipeline({ concurrency: 1, maxEntries: 2 }, async () => {
      throw new ConnectorError("AUTH_FAILED", "The security token included in the request is invalid.");
    });
    const seen: OperationResult[] = [];
    await assert.rejects(
      (async () => {
        for await (const result of runBatchPipeline(
          Array.from({ length: 5 }, () => ({})),
          options,
        ))
          seen.push(result);
      })(),
      (error: unknown) => error instanceof ConnectorError && error.code === "AUTH_FAILED",
    );
    assert.ok(seen.length >= 1);
    assert.deepEqual(
      seen.map((r) => r.index),
      [...seen.keys()],
    );
    assert.ok(seen.every((r) => r.status === "error" && r.error.code === "AUTH_FAILED"));
  });

  it("on a fatal error, ends without waiting for an input that has nothing more to give yet (a quiet pipe)", async () => {
    const { options } = pipeline({ concurrency: 1, lingerMs: 0 }, async () => {
      throw new ConnectorError("AUTH_FAILED", "The security token included in the request is invalid.");
    });
    let release = (): void => {};
    const quiet = new Promise<void>((resolve) => (release = resolve));
    async function* input() {
      yield {};
      // Like stdin with its writer still there: no next line, and no end.
      await quiet;
    }
    const seen: OperationResult[] = [];
    try {
      await assert.rejects(
        (async () => {
          for await (const result of runBatchPipeline(input(), options)) seen.push(result);
        })(),
        (error: unknown) => error instanceof ConnectorError && error.code === "AUTH_FAILED",
      );
    } finally {
      release();
    }
    assert.deepEqual(
      seen.map((r) => [r.index, r.status === "error" && r.error.code]),
      [[0, "AUTH_FAILED"]],
    );
  });

  it("when the host aborts, stops pulling and marks unsent documents ABORTED", async () => {
    const controller = new AbortController();
    const { options } = pipeline({ signal: controller.signal, lingerMs: 1000 });
    async function* input() {
      yield {};
      yield {};
      controller.abort();
      yield {};
      yield {};
    }
    const results = await collect(runBatchPipeline(input(), options));
    assert.ok(results.length >= 2 && results.length <= 3);
    assert.ok(results.every((r) => r.status === "error" && r.error.code === "ABORTED" && r.error.retryable));
  });

  describe("scheduling", () => {
    it("linger policies: pinned waits alike busy or idle; auto sends at once while nothing is in flight", () => {
      assert.deepEqual(
        [0, 1, 5].map((inFlight) => fixedLinger(20).lingerMs(inFlight)),
        [20, 20, 20],
      );
      assert.deepEqual(
        [0, 1, 5].map((inFlight) => adaptiveLinger(20).lingerMs(inFlight)),
        [0, 20, 20],
      );
    });

    it("auto linger: a lone document leaves at once; documents arriving while its request is in flight gather into one batch", async () => {
      const released = deferred();
      const firstSent = deferred();
      const secondSent = deferred();
      // A linger that would outlast the test: only the end of the request in flight may send the second batch.
      const { options, batches } = pipeline({ lingerMs: adaptiveLinger(60_000) }, async (items) => {
        if (items[0]!.index === 0) {
          firstSent.resolve();
          await released.promise;
        } else {
          secondSent.resolve();
        }
        return items.map((i) => ({ index: i.index, status: "success" as const, document: {} }));
      });
      async function* trickle() {
        yield {};
        await firstSent.promise;
        for (let i = 0; i < 5; i++) yield {};
        released.resolve();
        await secondSent.promise;
      }
      await collect(runBatchPipeline(trickle(), options));
      assert.deepEqual(batches, [[0], [1, 2, 3, 4, 5]]);
    });

    it("auto linger: documents that are already there leave together, not one by one", async () => {
      const { options, batches } = pipeline({ lingerMs: adaptiveLinger(20) });
      await collect(runBatchPipeline([{}, {}, {}, {}, {}], options));
      assert.deepEqual(batches, [[0, 1, 2, 3, 4]]);
    });

    it("follows a limit that changes, tells it when full batches wait for a slot, and reports every batch's round trip", async () => {
      let current = 2;
      const completed: Array<number | undefined> = [];
      let held = 0;
      const limit: ConcurrencyLimit = {
        get current() {
          return current;
        },
        held: () => (held += 1),
        completed: (latencyMs) => {
          completed.push(latencyMs);
          current = 5;
        },
      };
      let inFlight = 0;
      let exceeded = false;
      const { options } = pipeline({ concurrency: limit, lingerMs: 0 }, async (items) => {
        inFlight += 1;
        if (inFlight > current) exceeded = true;
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight -= 1;
        return items.map((i) => ({ index: i.index, status: "success" as const, document: {} }));
      });
      await collect(
        runBatchPipeline(
          Array.from({ length: 95 }, () => ({})),
          options,
        ),
      );
      assert.equal(exceeded, false, "more batches in flight than the limit allowed");
      // 95 documents: 9 full batches and one of 5, each with its round trip.
      assert.equal(completed.length, 10);
      assert.ok(completed.every((latencyMs) => latencyMs !== undefined && latencyMs >= 0));
      assert.ok(held > 0, "full batches waited, but the limit was not told");
    });
  });
});

function deferred() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}
