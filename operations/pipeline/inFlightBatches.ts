import type { ConcurrencyLimit } from "./concurrencyLimit.js";

/**
 * The batches a pipeline has in flight: how many in all, against its
 * concurrency limit, and per batch key (the linger policy asks about a batch's
 * own destination). When one ends, its round trip goes to the limit.
 */
export class InFlightBatches {
  private count = 0;
  private readonly byKey = new Map<string, number>();

  constructor(private readonly limit: ConcurrencyLimit) {}

  get size(): number {
    return this.count;
  }

  /** Every slot the limit allows now is taken. */
  get full(): boolean {
    return this.count >= this.limit.current;
  }

  /** Batches in flight to `batchKey`. */
  to(batchKey: string): number {
    return this.byKey.get(batchKey) ?? 0;
  }

  /** A batch to `batchKey` leaves; call what this returns when it has ended. */
  start(batchKey: string): () => void {
    const startedAt = performance.now();
    this.count += 1;
    this.countTo(batchKey, 1);
    return () => {
      this.count -= 1;
      this.countTo(batchKey, -1);
      this.limit.completed(performance.now() - startedAt);
    };
  }

  private countTo(batchKey: string, change: 1 | -1): void {
    const count = this.to(batchKey) + change;
    if (count === 0) this.byKey.delete(batchKey);
    else this.byKey.set(batchKey, count);
  }
}
