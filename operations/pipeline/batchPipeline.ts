import { setMaxListeners } from "node:events";
import { ConnectorError, documentError, type DocumentError } from "../../core/errors.js";
import type { Documents, OperationResult } from "../../core/types.js";
import { asFatal, preparationError, usableItem } from "./pipelineFaults.js";
import { BatchLanes, laneIdOf } from "./batchLanes.js";
import { ByteWindow } from "./byteWindow.js";
import { fixedConcurrency, type ConcurrencyLimit } from "./concurrencyLimit.js";
import { DeadlineTimer } from "./deadlineTimer.js";
import { Stager } from "./documentStage.js";
import { InFlightBatches } from "./inFlightBatches.js";
import { fixedLinger, type LingerPolicy } from "./lingerPolicy.js";
import type { BatchPipelineOptions, PipelineItem, Prepared } from "./pipelineOptions.js";
import { WakeSignal } from "./wakeSignal.js";

export type { BatchPipelineOptions, BatchService, PipelineItem, Prepared } from "./pipelineOptions.js";

/**
 * Streams documents through prepare -> batch -> send and yields exactly one
 * result per document, in input order. A batch leaves when it is full (entries
 * or bytes) or when its oldest document has lingered as long as the linger
 * policy allows; at most `concurrency` batches are in flight, and no two
 * in-flight batches share an order key, so FIFO groups keep their order under
 * concurrency.
 */
export function runBatchPipeline<E>(documents: Documents, options: BatchPipelineOptions<E>): AsyncGenerator<OperationResult> {
  return new BatchPipeline(options).run(documents);
}

class BatchPipeline<E> {
  private readonly lanes: BatchLanes<E>;
  private readonly results = new Map<number, OperationResult>();
  private readonly wake = new WakeSignal();
  private readonly internal = new AbortController();
  private readonly bytes: ByteWindow;
  private pulled = 0;
  private emitted = 0;
  private inputDone = false;
  private fatal: ConnectorError | undefined;
  private readonly lingerTimer = new DeadlineTimer(() => this.guarded(() => this.schedule(true)));
  private readonly concurrency: ConcurrencyLimit;
  private readonly inFlight: InFlightBatches;
  private readonly linger: LingerPolicy;
  private readonly stager: Stager<E> | undefined;

  constructor(private readonly options: BatchPipelineOptions<E>) {
    this.concurrency = typeof options.concurrency === "number" ? fixedConcurrency(options.concurrency) : options.concurrency;
    const { windowBytes } = options;
    this.bytes = new ByteWindow(
      windowBytes === undefined ? undefined : () => (typeof windowBytes === "number" ? windowBytes : windowBytes(this.concurrency.current)),
    );
    this.inFlight = new InFlightBatches(this.concurrency);
    this.linger = typeof options.lingerMs === "number" ? fixedLinger(options.lingerMs) : options.lingerMs;
    // Every request in flight listens on this signal; the concurrency limit, not Node's default of 10, bounds them.
    setMaxListeners(0, this.internal.signal);
    this.lanes = new BatchLanes(options);
    const signal = options.signal === undefined ? this.internal.signal : AbortSignal.any([this.internal.signal, options.signal]);
    this.stager =
      options.stage === undefined
        ? undefined
        : new Stager(
            options.stage,
            {
              stopped: () => this.stopped(),
              ready: (item) => this.guarded(() => this.staged(item)),
              done: (item, outcome) => this.guarded(() => this.stageDone(item, outcome)),
            },
            signal,
          );
  }

  async *run(documents: Documents): AsyncGenerator<OperationResult> {
    const producer = this.produce(documents).catch((error: unknown) => this.stopWith(asFatal(error, this.options.service.rejectedCode)));
    try {
      for (;;) {
        const woken = this.wake.wait();
        while (this.results.has(this.emitted)) {
          const result = this.results.get(this.emitted)!;
          this.results.delete(this.emitted);
          const freed = this.bytes.release(this.emitted);
          this.emitted += 1;
          // The producer waits only while the window is full: wake it when this result made room.
          // (A window that grows does so as a batch completes, which wakes the producer too.)
          if (this.pulled - this.emitted === this.window() - 1 || freed) this.wake.notify();
          yield result;
        }
        // After a fatal error the run ends once every document taken has its result: it does not wait
        // for the input to offer one more (a quiet pipe would hold it, and the process, for good).
        if ((this.inputDone || this.fatal !== undefined) && this.inFlight.size === 0 && this.emitted === this.pulled) break;
        await woken;
      }
      if (this.fatal === undefined) await producer;
      if (this.fatal !== undefined) throw this.fatal;
    } finally {
      this.inputDone = true;
      this.internal.abort();
      this.lingerTimer.stop();
    }
  }

  private async produce(documents: Documents): Promise<void> {
    const iterator = toAsyncIterator(documents);
    try {
      for (;;) {
        while ((this.pulled - this.emitted >= this.window() || this.bytes.full) && !this.stopped()) await this.wake.wait();
        if (this.stopped()) break;
        const next = await iterator.next();
        if (next.done === true) break;
        await this.accept(next.value);
      }
    } finally {
      this.inputDone = true;
      if (this.stopped()) this.failPending();
      this.schedule();
      this.wake.notify();
      await iterator.return?.();
    }
  }

  private window(): number {
    const { window } = this.options;
    return typeof window === "number" ? window : window(this.concurrency.current);
  }

  private stopped(): boolean {
    return this.fatal !== undefined || this.options.signal?.aborted === true || this.internal.signal.aborted;
  }

  private async accept(document: unknown): Promise<void> {
    const index = this.pulled++;
    let item: PipelineItem<E>;
    try {
      const prepared = this.options.prepare(document, index);
      if ("error" in prepared) {
        this.settle({ index, status: "error", error: prepared.error });
        return;
      }
      item = usableItem(prepared.item, index);
      if (this.stager !== undefined) {
        await this.stager.accept(item, item.orderKey === undefined ? undefined : laneIdOf(item));
        return;
      }
    } catch (error) {
      // Whatever preparing throws (a body JSON.stringify cannot take) is this document's result alone.
      this.settle({ index, status: "error", error: preparationError(error) });
      return;
    }
    this.enqueue(item);
  }

  /** A document back from the stage, in its order key's turn: batched, or its result. */
  private stageDone(item: PipelineItem<E>, outcome: { prepared: Prepared<E> } | { thrown: unknown }): void {
    if ("thrown" in outcome) {
      const failure = asFatal(outcome.thrown, this.options.service.rejectedCode);
      const fatal = outcome.thrown instanceof ConnectorError && this.isFatal(failure);
      this.settle({ index: item.index, status: "error", error: fatal ? failure.toDocumentError() : preparationError(outcome.thrown) });
      if (fatal) this.stopWith(failure);
      return;
    }
    if ("error" in outcome.prepared) {
      this.settle({ index: item.index, status: "error", error: outcome.prepared.error });
      return;
    }
    let staged: PipelineItem<E>;
    try {
      staged = usableItem(outcome.prepared.item, item.index);
    } catch (error) {
      this.settle({ index: item.index, status: "error", error: preparationError(error) });
      return;
    }
    this.staged(staged);
  }

  /** An item ready for batching that went through (or past) the stage: batched unless the run stopped meanwhile. */
  private staged(item: PipelineItem<E>): void {
    if (this.stopped()) {
      this.settle({ index: item.index, status: "error", error: this.pendingError() });
      return;
    }
    this.enqueue(item);
  }

  private enqueue(item: PipelineItem<E>): void {
    this.bytes.add(item.index, item.bytes);
    // An item for an order key in flight changes no batch plan, so scheduling again would find what it found before.
    if (this.lanes.add(item)) this.schedule();
  }

  /** Records a document's one result; a second result for it, or one for no pending document, is ignored. */
  private settle(result: OperationResult): void {
    if (!Number.isInteger(result.index) || result.index < this.emitted || result.index >= this.pulled || this.results.has(result.index)) {
      return;
    }
    this.results.set(result.index, result);
    // Results are emitted in input order: only the next one can unblock the emitter.
    if (result.index === this.emitted) this.wake.notify();
  }

  /** Starts as many batches as concurrency allows and sets the linger timer for the rest. */
  private schedule(endOfTurn = false): void {
    while (this.fatal === undefined) {
      if (this.inFlight.full) {
        // A full batch's worth waiting for a slot: the limit, not the input, sets the pace.
        if (this.lanes.size >= this.options.maxEntries) this.concurrency.held();
        break;
      }
      const plan = this.lanes.plan();
      if (plan === undefined) break;
      if (!plan.full && !this.inputDone) {
        const lingerMs = this.linger.lingerMs(this.inFlight.to(plan.batchKey));
        const deadline = plan.oldestArrivedAt + lingerMs;
        // No linger still waits for the end of this event-loop turn: documents already there join the batch.
        if (lingerMs === 0 ? !endOfTurn : deadline > performance.now()) {
          this.lingerTimer.at(deadline);
          return;
        }
      }
      this.dispatch(this.lanes.take(plan));
    }
    this.lingerTimer.stop();
  }

  private dispatch(batch: PipelineItem<E>[]): void {
    const ended = this.inFlight.start(batch[0]!.batchKey);
    void this.sendBatch(batch).finally(() => {
      ended();
      this.lanes.release(batch);
      this.guarded(() => this.schedule());
      this.wake.notify();
    });
  }

  /**
   * Sends one batch and settles every item of it exactly once, whatever the
   * sender does: throws (at once or later), answers for other documents, twice,
   * or not at all.
   */
  private async sendBatch(batch: PipelineItem<E>[]): Promise<void> {
    try {
      const results = await this.options.send(batch, this.internal.signal);
      const mine = new Set(batch.map((item) => item.index));
      for (const result of results) if (mine.has(result.index)) this.settle(result);
      // A sender that forgot an item would hang the run; give it an honest error instead.
      const { name, rejectedCode } = this.options.service;
      const unreported = documentError(rejectedCode, `${name} returned no result for this document; send it again.`, {
        retryable: true,
      });
      for (const item of batch) this.settle({ index: item.index, status: "error", error: unreported });
    } catch (error) {
      const failure = asFatal(error, this.options.service.rejectedCode);
      for (const item of batch) this.settle({ index: item.index, status: "error", error: failure.toDocumentError() });
      if (this.isFatal(failure)) this.stopWith(failure);
    }
  }

  /** A classifier that throws decides nothing: the batch has its error results, and the run goes on. */
  private isFatal(failure: ConnectorError): boolean {
    try {
      return this.options.isFatal(failure);
    } catch {
      return false;
    }
  }

  /** Runs pipeline bookkeeping outside the emitter (timers, batch completions): a throw there stops the run with it instead of hanging it. */
  private guarded(step: () => void): void {
    try {
      step();
    } catch (error) {
      this.stopWith(asFatal(error, this.options.service.rejectedCode));
    }
  }

  /** Stops the operation: documents not yet sent get the fatal error as their result. */
  private stopWith(error: ConnectorError): void {
    this.fatal ??= error;
    this.failPending();
    this.wake.notify();
  }

  /** The result of a document the run will not send: the run's fatal error, or the host's cancellation. */
  private pendingError(): DocumentError {
    return (
      this.fatal?.toDocumentError() ??
      documentError("ABORTED", "The run was cancelled before this document was sent; send it again.", { retryable: true })
    );
  }

  private failPending(): void {
    const error = this.pendingError();
    for (const item of this.lanes.drain()) this.settle({ index: item.index, status: "error", error });
  }
}

function toAsyncIterator(documents: Documents): AsyncIterator<unknown> {
  if (Symbol.asyncIterator in documents) return documents[Symbol.asyncIterator]();
  const iterator = documents[Symbol.iterator]();
  return {
    next: async () => iterator.next(),
    return: async () => iterator.return?.() ?? { done: true, value: undefined },
  };
}
