import { ConnectorError } from "../../core/errors.js";
import type { Operation, OperationResult } from "../../core/types.js";
import { WakeSignal } from "../pipeline/wakeSignal.js";

/**
 * Turns a long-running receipt-handle operation (delete, changeVisibility) into
 * single calls that share its batches: each `call` pushes one document into the
 * operation's input and resolves with that document's result, so the listener's
 * acknowledgements, backoffs and heartbeat extensions travel ten to a request
 * with the batch pipeline's linger, concurrency and retries. A failure of the
 * whole operation (credentials, queue gone) rejects every pending call and `done`.
 */
export class BatchedCalls {
  private readonly queue: unknown[] = [];
  private readonly waiting = new Map<number, { resolve(result: OperationResult): void; reject(error: unknown): void }>();
  private readonly wake = new WakeSignal();
  private next = 0;
  private closed = false;
  private failure: unknown;
  readonly done: Promise<void>;

  constructor(operation: Operation) {
    this.done = this.consume(operation.execute(this.documents()));
    // A rejection is delivered to every pending call; `done` is awaited only at the end.
    this.done.catch(() => {});
  }

  call(document: unknown): Promise<OperationResult> {
    if (this.failure !== undefined) return Promise.reject(asError(this.failure));
    if (this.closed) return Promise.reject(new ConnectorError("ABORTED", "The listener has stopped; this call was not made."));
    const index = this.next++;
    const result = new Promise<OperationResult>((resolve, reject) => this.waiting.set(index, { resolve, reject }));
    this.queue.push(document);
    this.wake.notify();
    return result;
  }

  /** No more calls; resolves once every pending one has its result. */
  close(): Promise<void> {
    this.closed = true;
    this.wake.notify();
    return this.done;
  }

  private async *documents(): AsyncGenerator<unknown> {
    for (;;) {
      const woken = this.wake.wait();
      if (this.queue.length > 0) {
        yield this.queue.shift();
        continue;
      }
      if (this.closed) return;
      await woken;
    }
  }

  private async consume(results: AsyncIterable<OperationResult>): Promise<void> {
    try {
      for await (const result of results) {
        const waiter = this.waiting.get(result.index);
        this.waiting.delete(result.index);
        waiter?.resolve(result);
      }
    } catch (error) {
      this.failure = error;
      this.closed = true;
      throw error;
    } finally {
      const error = this.failure ?? new ConnectorError("ABORTED", "The listener stopped before this call was made.");
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    }
  }
}

function asError(failure: unknown): Error {
  return failure instanceof Error ? failure : new Error(String(failure));
}
