/**
 * A level-free wake-up: `wait()` resolves at the next `notify()`. Waiters take
 * the promise before re-checking their condition, so no notify is missed.
 */
export class WakeSignal {
  private resolve!: () => void;
  private promise: Promise<void>;

  constructor() {
    this.promise = this.fresh();
  }

  wait(): Promise<void> {
    return this.promise;
  }

  notify(): void {
    const resolve = this.resolve;
    this.promise = this.fresh();
    resolve();
  }

  private fresh(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.resolve = resolve;
    });
  }
}
