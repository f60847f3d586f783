import type { SendConfiguration } from "../core/generated/send.config.js";
import { schemaRegistry } from "../core/schemaRegistry.js";
import type { OperationResult } from "../core/types.js";
import { validateAgainst, validateConfig } from "../core/validation.js";
import { resolveHost } from "../core/host.js";
import { batchingSettings, sqsBatching } from "../operations/context.js";
import { runBatchPipeline, type PipelineItem } from "../operations/pipeline/batchPipeline.js";
import type { QueueInfo } from "../operations/queueDirectory.js";
import { createSendPreparer, SEND_INPUT_SCHEMA } from "../operations/send/sendDocument.js";
import { iotRecord } from "./records.js";

/*
 * Scenario 3's direct measurement, in a fresh process: the CPU time of the
 * connector's own per-document stages, with no network and no SDK. Each stage
 * runs a warm-up, then REPEATS passes of DOCUMENTS documents; the fastest pass
 * is the steady state, without JIT compilation and with the least GC noise.
 * Prints ns per document.
 */
const DOCUMENTS = 20_000;
const WARM_UP = 2_000;
const REPEATS = 5;
const GROUPS = 50;

const fifo = process.argv[2] === "fifo";
const registry = schemaRegistry();
const queue: QueueInfo = {
  url: `http://127.0.0.1:1/000000000000/bench${fifo ? ".fifo" : ""}`,
  name: fifo ? "bench.fifo" : "bench",
  fifo,
  contentBasedDeduplication: false,
  maxMessageBytes: 1_048_576,
  attributesKnown: true,
};
// The send configuration scenario 1 uses, with the schema's defaults filled in as the connector fills them.
const config = validateConfig<
  SendConfiguration & Required<Pick<SendConfiguration, "concurrency" | "lingerMs" | "messagesPerGroupPerBatch">>
>(
  "schemas/send.config.json",
  { queueUrl: queue.url, ...(fifo ? { messageGroupIdPointer: "/deviceId", messageDeduplicationIdPointer: "/recordKey" } : {}) },
  "Send configuration",
);
const prepare = createSendPreparer(config, queue, registry);

function documents(count: number): Array<{ body: unknown }> {
  return Array.from({ length: count }, (_, index) => ({ body: iotRecord(index, GROUPS) }));
}

/** CPU nanoseconds per document of `stage`: the fastest of REPEATS passes over DOCUMENTS documents, after a warm-up. */
async function nanosPerDocument(stage: (docs: Array<{ body: unknown }>) => unknown): Promise<number> {
  await stage(documents(WARM_UP));
  const docs = documents(DOCUMENTS);
  let fastest = Infinity;
  for (let pass = 0; pass < REPEATS; pass++) {
    const before = process.cpuUsage();
    await stage(docs);
    const cpu = process.cpuUsage(before);
    fastest = Math.min(fastest, ((cpu.user + cpu.system) * 1000) / DOCUMENTS);
  }
  return fastest;
}

/** Answers every batch at once, as SendMessageBatch would when all entries succeed. */
async function instantSend(items: PipelineItem<unknown>[]): Promise<OperationResult[]> {
  return items.map((item) => ({ index: item.index, status: "success", document: { messageId: String(item.index), md5OfMessageBody: "" } }));
}

const validationNs = await nanosPerDocument((docs) => {
  for (const doc of docs) validateAgainst(SEND_INPUT_SCHEMA, doc, "DOCUMENT_INVALID", registry);
});
const prepareNs = await nanosPerDocument((docs) => {
  docs.forEach((doc, index) => prepare(doc, index));
});
const pipelineNs = await nanosPerDocument(async (docs) => {
  const results = runBatchPipeline(docs, {
    ...batchingSettings(
      { registry, host: resolveHost(), congestion: { events: 0 } },
      { concurrency: config.concurrency, lingerMs: config.lingerMs },
      sqsBatching(registry.manifest.sqsLimits),
    ),
    maxPerOrderKey: config.messagesPerGroupPerBatch,
    prepare,
    send: instantSend,
    isFatal: () => true,
  });
  for await (const result of results) if (result.status !== "success") throw new Error(result.error.message);
});

process.stdout.write(`${JSON.stringify({ validationNs, prepareNs, pipelineNs })}\n`);
