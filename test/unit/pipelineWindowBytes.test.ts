import assert from "node:assert/strict";
import type { OperationResult } from "../../core/types.js";
import { runBatchPipeline, type BatchPipelineOptions } from "../../operations/pipeline/batchPipeline.js";

describe("batch pipeline windowBytes (large records)", () => {
  // 100-byte documents: at most bound / 100 pending, plus the one pulled when room was made.
  const cases: Array<{ name: string; windowBytes: BatchPipelineOptions<number>["windowBytes"]; mostAhead: number }> = [
    { name: "a fixed bound", windowBytes: 500, mostAhead: 6 },
    { name: "a bound for the concurrency limit now (3 x 100 bytes)", windowBytes: (concurrency) => concurrency * 100, mostAhead: 4 },
  ];
  for (const { name, windowBytes, mostAhead: allowed } of cases) {
    it(`pulls no more documents than ${name} holds while their results are pending, and still gives every one a result`, async () => {
      let pulled = 0;
      let emitted = 0;
      let mostAhead = 0;
      function* documents(): Generator<number> {
        for (let i = 0; i < 40; i++) {
          pulled += 1;
          mostAhead = Math.max(mostAhead, pulled - emitted);
          yield i;
        }
      }
      const results = runBatchPipeline<number>(documents(), {
        maxEntries: 10,
        maxBytes: 1000,
        lingerMs: 0,
        concurrency: 3,
        window: 1000,
        windowBytes,
        prepare: (document, index) => ({ item: { index, entry: document as number, bytes: 100, batchKey: "s", orderKey: undefined } }),
        send: async (items): Promise<OperationResult[]> => {
          await new Promise((resolve) => setImmediate(resolve));
          return items.map((item) => ({ index: item.index, status: "success", document: item.entry }));
        },
        isFatal: () => false,
        service: { name: "Kinesis", rejectedCode: "KINESIS_REQUEST_REJECTED" },
      });
      const seen: number[] = [];
      for await (const result of results) {
        emitted += 1;
        seen.push(result.index);
      }
      assert.deepEqual(
        seen,
        Array.from({ length: 40 }, (_, i) => i),
      );
      assert.ok(mostAhead <= allowed, `pulled ${mostAhead} ahead of their results`);
    });
  }
});
