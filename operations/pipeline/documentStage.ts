import type { PipelineItem, Prepared } from "./batchPipeline.js";
import { WakeSignal } from "./wakeSignal.js";

/**
 * An asynchronous step for some documents between preparing and batching
 * (send stores large bodies in S3 there). A staged document reaches its batch
 * only once its step is done, and never ahead of an earlier document with the
 * same order key, so FIFO groups keep their order; documents of other keys,
 * and those that need no step, do not wait for it.
 */
export interface DocumentStage<E> {
  /** Whether a prepared item needs the step. */
  wants(item: PipelineItem<E>): boolean;
  /**
   * The item as it is to be batched, or its document's error. A throw is that
   * document's error too; a ConnectorError the pipeline's isFatal names stops the run.
   */
  run(item: PipelineItem<E>, signal: AbortSignal): Promise<Prepared<E>>;
  /** Steps running at once. */
  concurrency: number;
  /** Bytes of items (as prepared) in running steps; one item is always let in, so a single large one is not stuck. */
  maxBytes: number;
}

/** What a staged item's end is handed to: the pipeline's lanes, or its results. */
export interface StageOutlet<E> {
  /** Whether the run stopped: an item that waited for room then skips its step (ready() refuses it). */
  stopped(): boolean;
  /** A prepared item ready for batching, in its order key's turn. */
  ready(item: PipelineItem<E>): void;
  /** The step's answer for an item it took (error, replacement, or what it threw), in its order key's turn. */
  done(item: PipelineItem<E>, outcome: { prepared: Prepared<E> } | { thrown: unknown }): void;
}

/**
 * Runs a DocumentStage with bounded concurrency and bytes, handing items on in
 * each order key's input order (a chain of promises per key).
 */
export class Stager<E> {
  private running = 0;
  private runningBytes = 0;
  private readonly turns = new Map<string, Promise<void>>();
  private readonly freed = new WakeSignal();
  private readonly all = new Set<Promise<void>>();

  constructor(
    private readonly stage: DocumentStage<E>,
    private readonly outlet: StageOutlet<E>,
    private readonly signal: AbortSignal,
  ) {}

  /** Takes one prepared item; resolves once it is handed on or its step has started (waiting for room first). */
  async accept(item: PipelineItem<E>, turnKey: string | undefined): Promise<void> {
    if (!this.stage.wants(item)) {
      // Behind a staged item of its order key it waits its turn; otherwise it goes on at once.
      if (turnKey === undefined || !this.turns.has(turnKey)) this.outlet.ready(item);
      else this.inTurn(turnKey, Promise.resolve(), () => this.outlet.ready(item));
      return;
    }
    while (this.running > 0 && (this.running >= this.stage.concurrency || this.runningBytes + item.bytes > this.stage.maxBytes)) {
      await this.freed.wait();
    }
    if (this.outlet.stopped()) {
      this.inTurn(turnKey, Promise.resolve(), () => this.outlet.ready(item));
      return;
    }
    this.running += 1;
    this.runningBytes += item.bytes;
    const step = this.runStep(item).finally(() => {
      this.running -= 1;
      this.runningBytes -= item.bytes;
      this.freed.notify();
    });
    let outcome: { prepared: Prepared<E> } | { thrown: unknown } | undefined;
    const settled = step.then((value) => {
      outcome = value;
    });
    this.inTurn(turnKey, settled, () => this.outlet.done(item, outcome!));
  }

  /** Resolves once every accepted item has been handed on. */
  async drained(): Promise<void> {
    while (this.all.size > 0) await Promise.all([...this.all]);
  }

  private async runStep(item: PipelineItem<E>): Promise<{ prepared: Prepared<E> } | { thrown: unknown }> {
    try {
      return { prepared: await this.stage.run(item, this.signal) };
    } catch (thrown) {
      return { thrown };
    }
  }

  /**
   * Calls `handOn` once `settled` and every earlier item of the same key were
   * handed on. The outlet never throws (the pipeline guards it), so a turn
   * always resolves and never holds up the items behind it.
   */
  private inTurn(turnKey: string | undefined, settled: Promise<void>, handOn: () => void): void {
    const previous = turnKey === undefined ? undefined : this.turns.get(turnKey);
    const turn = Promise.all([previous, settled]).then(handOn);
    if (turnKey !== undefined) {
      this.turns.set(turnKey, turn);
      void turn.finally(() => {
        if (this.turns.get(turnKey) === turn) this.turns.delete(turnKey);
      });
    }
    this.all.add(turn);
    void turn.finally(() => this.all.delete(turn));
  }
}
