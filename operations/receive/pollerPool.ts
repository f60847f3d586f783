import type { ConcurrencyLimit } from "../pipeline/concurrencyLimit.js";

/**
 * Keeps as many poll loops running as the limit allows, while `wanted()` says
 * more polls would find work. A loop calls `leave()` between polls: true when
 * the limit has shrunk below the loops running, and the loop should end. Loops
 * are topped up when the limit grows and when one ends; `onIdle` runs once no
 * loop is left and none may start. `loop` must not reject.
 */
export class PollerPool {
  private active = 0;
  private idle = false;

  constructor(
    private readonly limit: ConcurrencyLimit,
    private readonly wanted: () => boolean,
    private readonly loop: (leave: () => boolean) => Promise<void>,
    private readonly onIdle: () => void,
  ) {}

  /**
   * A poll ended after `latencyMs`; `full` when it got all it could ask for.
   * Feeds the limit, then starts the loops it now allows.
   */
  polled(full: boolean, latencyMs: number): void {
    // A full poll while every loop allowed was busy: more loops would have found messages too.
    if (full && this.active >= this.limit.current) this.limit.held();
    // Only a full poll's time is a round trip: a long poll on a thin queue waits for messages.
    this.limit.completed(full ? latencyMs : undefined);
    this.topUp();
  }

  /** A poll failed: it counts for the limit's epochs, and its loop polls again itself (no loop is started for it). */
  failed(): void {
    this.limit.completed();
  }

  /** Starts loops up to the limit. */
  topUp(): void {
    while (!this.idle && this.active < this.limit.current && this.wanted()) {
      this.active += 1;
      let left = false;
      const leave = (): boolean => {
        if (left || this.active <= this.limit.current) return left;
        // Counted out at once, so loops checking right after this one do not all leave.
        left = true;
        this.active -= 1;
        return true;
      };
      void this.loop(leave).finally(() => {
        if (!left) this.active -= 1;
        this.topUp();
        if (this.active === 0 && !this.idle) {
          this.idle = true;
          this.onIdle();
        }
      });
    }
    if (this.active === 0 && !this.idle) {
      this.idle = true;
      this.onIdle();
    }
  }
}
