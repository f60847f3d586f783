import { connect } from "../../connector/connection.js";
import type { OperationResult } from "../../core/types.js";
import { EMBEDDED_CREDENTIALS, startEmbeddedSqs } from "../../host/embeddedSqs.js";
import { startFaultProxy, type Fault } from "../support/faultProxy.js";

export interface NoLossOptions {
  documents: number;
  faultRate: number;
  fifo: boolean;
  groups: number;
  seed: number;
  /** Log progress lines (the soak run). */
  log?: (line: string) => void;
}

interface Record_ {
  id: number;
  group: string;
  seq: number;
  payload: string;
}

export interface NoLossReport {
  documents: number;
  sendResults: number;
  sendResultIndexesUnique: boolean;
  sendSucceeded: number;
  sendFailed: Array<{ index: number; code: string }>;
  /** Ids of successes that are not on the queue after sending (must be empty). */
  missingAfterSend: number[];
  /** Messages on the queue beyond one per document (FIFO: must be 0; standard: at-least-once). */
  duplicatesOnQueue: number;
  orderViolations: number;
  drainRounds: number;
  deleteInputs: number;
  deleteResults: number;
  deleteFailed: number;
  /** Ids sent successfully that were never received (must be empty). */
  neverReceived: number[];
  endDepth: number;
  faults: Record<Fault, number> & { requests: number };
  sendSeconds: number;
  drainSeconds: number;
}

/**
 * The no-loss scenario behind the reliability test and the soak: documents go
 * through `send`, then `receive` + `delete`, all through a proxy that injects
 * faults into a share of the requests. What is on the queue is read from the
 * emulator directly (not through the connector) to check the results.
 */
export async function runNoLoss(options: NoLossOptions): Promise<NoLossReport> {
  const log = options.log ?? (() => {});
  const sqs = await startEmbeddedSqs();
  const name = `no-loss-${options.seed}${options.fifo ? ".fifo" : ""}`;
  const queueUrl = await sqs.createQueue({ name });
  const proxy = await startFaultProxy({ target: sqs.endpoint, rate: options.faultRate, seed: options.seed, delayMs: 700 });
  const connection = connect({
    authType: "accessKeys",
    ...EMBEDDED_CREDENTIALS,
    region: sqs.region,
    endpoint: proxy.url,
    requestTimeoutSeconds: 0.5,
    maxAttempts: 3,
  });
  try {
    const sendStarted = performance.now();
    // concurrency and lingerMs as the schemas default them (auto): adaptive concurrency under faults is what users run.
    const send = connection.operation("send", {
      queueUrl,
      maxEntryAttempts: 10,
      ...(options.fifo ? { messageGroupIdPointer: "/group" } : {}),
    });
    const sent = new Set<number>();
    const indexes = new Set<number>();
    const sendFailed: NoLossReport["sendFailed"] = [];
    let sendResults = 0;
    for await (const result of send.execute(records(options))) {
      sendResults += 1;
      indexes.add(result.index);
      if (result.status === "success") sent.add(result.index);
      else sendFailed.push({ index: result.index, code: result.error.code });
      if (sendResults % 10_000 === 0) log(`sent ${sendResults}`);
    }
    const sendSeconds = (performance.now() - sendStarted) / 1000;

    const onQueue = await queueContents(sqs.endpoint, name);
    const counts = new Map<number, number>();
    for (const record of onQueue) counts.set(record.id, (counts.get(record.id) ?? 0) + 1);
    const missingAfterSend = [...sent].filter((id) => !counts.has(id));
    const duplicatesOnQueue = onQueue.length - counts.size;
    const orderViolations = options.fifo ? countOrderViolations(onQueue) : 0;
    log(`on queue: ${onQueue.length} (${duplicatesOnQueue} duplicates), faults so far ${JSON.stringify(proxy.stats)}`);

    const drainStarted = performance.now();
    const drained = await drain(connection, queueUrl, sqs.endpoint, name, log);
    const neverReceived = [...sent].filter((id) => !drained.received.has(id));
    return {
      documents: options.documents,
      sendResults,
      sendResultIndexesUnique: indexes.size === sendResults,
      sendSucceeded: sent.size,
      sendFailed,
      missingAfterSend,
      duplicatesOnQueue,
      orderViolations,
      drainRounds: drained.rounds,
      deleteInputs: drained.deleteInputs,
      deleteResults: drained.deleteResults,
      deleteFailed: drained.deleteFailed,
      neverReceived,
      endDepth: (await queueContents(sqs.endpoint, name, true)).length,
      faults: { ...proxy.stats },
      sendSeconds,
      drainSeconds: (performance.now() - drainStarted) / 1000,
    };
  } finally {
    connection.close();
    await proxy.close();
    await sqs.stop();
  }
}

function* records(options: NoLossOptions): Generator<{ body: Record_ }> {
  const payload = "p".repeat(200);
  for (let id = 0; id < options.documents; id++) {
    yield { body: { id, group: `g${id % options.groups}`, seq: Math.floor(id / options.groups), payload } };
  }
}

/** Receive + delete rounds until the queue is empty; messages whose receive was lost come back after their visibility timeout. */
async function drain(
  connection: ReturnType<typeof connect>,
  queueUrl: string,
  endpoint: string,
  name: string,
  log: (line: string) => void,
) {
  const received = new Set<number>();
  let rounds = 0;
  let deleteInputs = 0;
  let deleteResults = 0;
  let deleteFailed = 0;
  // Lost receives hide messages for a visibility timeout; big runs need more rounds.
  const maxRounds = 40 + Math.ceil((await queueContents(endpoint, name, true)).length / 500);
  while ((await queueContents(endpoint, name, true)).length > 0 && rounds < maxRounds) {
    rounds += 1;
    const receive = connection.operation("receive", {
      queueUrl,
      maxMessages: 1_000_000,
      waitTimeSeconds: 1,
      visibilityTimeout: 1,
      bodyEncoding: "json",
    });
    async function* taken(results: AsyncIterable<OperationResult>): AsyncGenerator<unknown> {
      for await (const result of results) {
        if (result.status !== "success") continue;
        const document = result.document as { body: Record_ };
        received.add(document.body.id);
        deleteInputs += 1;
        yield document;
      }
    }
    try {
      for await (const result of connection.operation("delete", { maxEntryAttempts: 10 }).execute(taken(receive.execute()))) {
        deleteResults += 1;
        if (result.status === "error") deleteFailed += 1;
      }
    } catch (error) {
      log(`round ${rounds} stopped: ${(error as Error).message}`);
    }
    log(`drain round ${rounds}: received ${received.size} distinct so far`);
    const inflight = (await inspect(endpoint, name)).messages.inflight.length;
    if (inflight > 0) await new Promise((resolve) => setTimeout(resolve, 1100));
  }
  return { received, rounds, deleteInputs, deleteResults, deleteFailed };
}

interface Inspected {
  messages: {
    ready: Array<{ body: string }>;
    delayed: Array<{ body: string }>;
    inflight: Array<{ message: { body: string } }>;
  };
}

async function inspect(endpoint: string, name: string): Promise<Inspected> {
  const response = await fetch(`${endpoint}/_fauxqs/queues/${encodeURIComponent(name)}`);
  return (await response.json()) as Inspected;
}

/** What the emulator holds, in queue order (per group for FIFO); with `all`, in-flight messages too. */
async function queueContents(endpoint: string, name: string, all = false): Promise<Record_[]> {
  const { messages } = await inspect(endpoint, name);
  const bodies = [...messages.ready, ...messages.delayed, ...(all ? messages.inflight.map((m) => m.message) : [])];
  return bodies.map((m) => JSON.parse(m.body) as Record_);
}

function countOrderViolations(onQueue: Record_[]): number {
  const last = new Map<string, number>();
  let violations = 0;
  for (const record of onQueue) {
    if ((last.get(record.group) ?? -1) >= record.seq) violations += 1;
    last.set(record.group, record.seq);
  }
  return violations;
}
