/**
 * A level-free wake-up: `wait()` resolves at the next `notify()`. Waiters take
 * the promise before re-checking their condition, so no notify is missed. The
 * promise is made only when someone waits: a notify nobody waits for costs nothing.
 */
export class WakeSignal {
  private resolve: (() => void) | undefined;
  private promise: Promise<void> | undefined;

  wait(): Promise<void> {
    this.promise ??= new Promise<void>((resolve) => {
      this.resolve = resolve;
    });
    return this.promise;
  }

  notify(): void {
    const resolve = this.resolve;
    if (resolve === undefined) return;
    this.promise = undefined;
    this.resolve = undefined;
    resolve();
  }
}
