import { WakeSignal } from "./wakeSignal.js";

/**
 * A bounded queue between producers (pollers) and one consumer: `push` waits
 * while it is full, `take` waits while it is empty and returns undefined once it
 * is closed and drained.
 */
export class Channel<T> {
  private readonly items: T[] = [];
  private readonly signal = new WakeSignal();
  private closed = false;

  constructor(private readonly capacity: number) {}

  async push(item: T): Promise<void> {
    while (this.items.length >= this.capacity && !this.closed) await this.signal.wait();
    if (this.closed) return;
    this.items.push(item);
    this.signal.notify();
  }

  async take(): Promise<T | undefined> {
    for (;;) {
      const woken = this.signal.wait();
      const item = this.items.shift();
      if (item !== undefined) {
        this.signal.notify();
        return item;
      }
      if (this.closed) return undefined;
      await woken;
    }
  }

  /** No more pushes; what is queued can still be taken. */
  close(): void {
    this.closed = true;
    this.signal.notify();
  }
}
