import assert from "node:assert/strict";
import { ConnectorError } from "../../core/errors.js";
import type { OperationResult } from "../../core/types.js";
import { runBatchPipeline, type BatchPipelineOptions, type PipelineItem } from "../../operations/pipeline/batchPipeline.js";
import { collect } from "../support/embeddedSqs.js";

const DOCUMENTS = 12;
const BAD = 5;
const ok = (item: PipelineItem<number>): OperationResult => ({ index: item.index, status: "success", document: { sent: item.index } });
const hasBad = (items: PipelineItem<number>[]) => items.some((item) => item.index === BAD);

/** One stage of the pipeline misbehaving for document BAD only; every other stage works. */
interface Fault {
  stage: string;
  options: Partial<BatchPipelineOptions<number>>;
  /** The code of BAD's error result (batches of one keep a whole-batch fault to BAD). */
  code: string;
}

const prepare = (document: unknown, index: number) => ({
  item: { index, entry: document as number, bytes: 1, batchKey: "q", orderKey: undefined },
});

const faults: Fault[] = [
  {
    stage: "prepare throws (a body JSON.stringify cannot take)",
    options: { prepare: (d, i) => (i === BAD ? JSON.parse("{") : prepare(d, i)) as ReturnType<typeof prepare> },
    code: "DOCUMENT_INVALID",
  },
  {
    stage: "prepare throws a ConnectorError",
    options: { prepare: (d, i) => (i === BAD ? thrown(new ConnectorError("BODY_TOO_DEEP", "too deep")) : prepare(d, i)) },
    code: "BODY_TOO_DEEP",
  },
  {
    stage: "prepare returns no usable entry",
    options: { prepare: (d, i) => (i === BAD ? { item: undefined as unknown as PipelineItem<number> } : prepare(d, i)) },
    code: "DOCUMENT_INVALID",
  },
  {
    stage: "prepare returns an entry of unknown size",
    options: { prepare: (d, i) => (i === BAD ? { item: { ...prepare(d, i).item, bytes: Number.NaN } } : prepare(d, i)) },
    code: "DOCUMENT_INVALID",
  },
  {
    stage: "send throws at once (before returning a promise)",
    options: { send: (items) => (hasBad(items) ? thrown(new TypeError("boom")) : Promise.resolve(items.map(ok))) },
    code: "SQS_REQUEST_REJECTED",
  },
  {
    stage: "send rejects with a plain Error",
    options: { send: async (items) => (hasBad(items) ? thrown(new Error("socket hang up")) : items.map(ok)) },
    code: "SQS_REQUEST_REJECTED",
  },
  {
    stage: "send answers without the document",
    options: { send: async (items) => items.filter((item) => item.index !== BAD).map(ok) },
    code: "SQS_REQUEST_REJECTED",
  },
  {
    stage: "send answers for another document instead, and twice for one",
    options: {
      send: async (items) =>
        hasBad(items)
          ? [
              ...items.filter((i) => i.index !== BAD).map(ok),
              ok({ ...items[0]!, index: 0 }),
              { index: 999, status: "success", document: {} },
            ]
          : items.map(ok),
    },
    code: "SQS_REQUEST_REJECTED",
  },
  {
    stage: "send answers with something that is not a list",
    options: { send: async (items) => (hasBad(items) ? (null as unknown as OperationResult[]) : items.map(ok)) },
    code: "SQS_REQUEST_REJECTED",
  },
  {
    stage: "isFatal throws while classifying the document's failure",
    options: {
      send: async (items) => (hasBad(items) ? thrown(new ConnectorError("THROTTLED", "slow down")) : items.map(ok)),
      isFatal: () => thrown(new Error("classifier broke")),
    },
    code: "THROTTLED",
  },
];

const SQS = { name: "SQS", rejectedCode: "SQS_REQUEST_REJECTED" } as const;

function thrown(error: Error): never {
  throw error;
}

describe("batch pipeline: a fault in any stage for one document", () => {
  for (const fault of faults) {
    it(`${fault.stage}: that document gets one error result, every other one its success, and the run ends`, async () => {
      const options: BatchPipelineOptions<number> = {
        maxEntries: 1,
        maxBytes: 1000,
        lingerMs: 1,
        concurrency: 3,
        window: 4,
        prepare,
        send: async (items) => items.map(ok),
        isFatal: (error) => error.kind === "auth",
        service: SQS,
        ...fault.options,
      };
      const results = await collect(
        runBatchPipeline(
          Array.from({ length: DOCUMENTS }, (_, i) => i),
          options,
        ),
      );
      assert.deepEqual(
        results.map((r) => r.index),
        Array.from({ length: DOCUMENTS }, (_, i) => i),
      );
      for (const result of results) {
        if (result.index === BAD) assert.equal(result.status === "error" && result.error.code, fault.code, JSON.stringify(result));
        else assert.equal(result.status, "success", JSON.stringify(result));
      }
    });
  }

  it("keeps a whole-batch fault to the batch: its documents fail once each, the others succeed", async () => {
    const results = await collect(
      runBatchPipeline(
        Array.from({ length: 30 }, (_, i) => i),
        {
          maxEntries: 10,
          maxBytes: 1000,
          lingerMs: 1,
          concurrency: 2,
          window: 40,
          prepare,
          send: (items) => (hasBad(items) ? thrown(new TypeError("boom")) : Promise.resolve(items.map(ok))),
          isFatal: () => false,
          service: SQS,
        },
      ),
    );
    assert.equal(results.length, 30);
    const failed = results.filter((r) => r.status === "error").map((r) => r.index);
    assert.ok(failed.includes(BAD) && failed.length <= 10, String(failed));
  });
});
