/**
 * Hands record indices to the workers of a hand-written sender. On a standard
 * queue every worker takes the next indices in input order. On a FIFO queue a
 * message group belongs to one worker (group % workers), which takes that
 * group's records in input order, so no two in-flight batches share a group:
 * the same ordering guarantee the connector gives, written the simple way.
 */
export class RecordIndexSource {
  private next = 0;
  private readonly cursors: number[];

  constructor(
    private readonly count: number,
    private readonly groups: number,
    private readonly workers: number,
    private readonly fifo: boolean,
  ) {
    this.cursors = new Array<number>(workers).fill(0);
  }

  /** Up to `size` indices for `worker`; an empty array when it has no more. */
  take(worker: number, size: number): number[] {
    const taken: number[] = [];
    if (!this.fifo) {
      while (taken.length < size && this.next < this.count) taken.push(this.next++);
      return taken;
    }
    let cursor = this.cursors[worker]!;
    for (; taken.length < size && cursor < this.count; cursor++) {
      if ((cursor % this.groups) % this.workers === worker) taken.push(cursor);
    }
    this.cursors[worker] = cursor;
    return taken;
  }
}

/** Runs `workers` copies of `loop` (each with its worker number) to completion. */
export async function runWorkers(workers: number, loop: (worker: number) => Promise<void>): Promise<void> {
  await Promise.all(Array.from({ length: workers }, (_, worker) => loop(worker)));
}
