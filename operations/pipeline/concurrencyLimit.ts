/**
 * How many requests of one run may be in flight. The pipeline (and receive's
 * pollers) read `current` before starting a request, call `held()` when work
 * was ready but the limit kept it back, and `completed()` when a request ends.
 */
export interface ConcurrencyLimit {
  /** Requests allowed in flight now (at least 1). */
  readonly current: number;
  /** Work was ready to go but the limit held it back: the run wants more than it may have. */
  held(): void;
  /**
   * A request ended after `latencyMs` (none when its time says nothing of the
   * path, e.g. a long poll that waited for messages, or a failed request).
   */
  completed(latencyMs?: number): void;
}

/** Throttling and server errors the connection's client has seen so far (connector/congestionSignal.ts counts them). */
export interface CongestionSignal {
  readonly events: number;
}

/** The bounds of `"auto"`, kept as data in manifest.json (`auto.concurrency`). */
export interface AdaptiveBounds {
  initial: number;
  maximum: number;
}

/** A pinned `concurrency`: the number the user chose, whatever happens. */
export function fixedConcurrency(limit: number): ConcurrencyLimit {
  return { current: limit, held() {}, completed() {} };
}

/** Multiplicative decrease on throttling and server errors, as TCP halves its window on loss. */
const DECREASE = 0.5;
/**
 * Requests whose round trip is this many times the fastest one seen mostly
 * wait in a queue (at the endpoint, on the network or in this process): more
 * in flight would mostly wait too, so the limit stops growing and eases back
 * (by EASE_BACK per epoch, not below the initial limit). On loopback the
 * emulator's queue passes it with a few requests in flight; 20 or 80 ms away,
 * only near the machine's limits (bench scenarios 11 and 12 show where).
 */
const QUEUEING_FACTOR = 3;
const EASE_BACK = 0.9;
/**
 * Weight of the newest round trip in the running average the queueing check
 * reads: single round trips scatter widely under load, and a quarter follows a
 * doubling limit within a few requests.
 */
const LATENCY_WEIGHT = 0.25;

interface Epoch {
  /** The limit when the epoch began; the epoch ends after as many completed requests. */
  limit: number;
  completions: number;
  /** Work waited for a slot during this epoch: the limit, not the input, set the pace. */
  held: boolean;
  /** The limit was already cut in this epoch: requests that were in flight together are one congestion event. */
  decreased: boolean;
}

/**
 * `concurrency: "auto"`: additive increase, multiplicative decrease, bounded.
 * Slow start first, as in TCP: every request that completes while work waits
 * for a slot adds one, so the limit doubles per round trip and an endpoint 80
 * ms away is reached in a few. It grows only while round trips stay within
 * QUEUEING_FACTOR of the fastest seen: by Little's law the rate is requests in
 * flight over round trip, so while round trips hold, more in flight is more
 * throughput; once they stretch, more in flight buys queueing, and the limit
 * eases back. Time is cut into epochs of as many completed requests as the
 * limit allowed when the epoch began (about one round trip); after slow start
 * the limit grows by one per epoch in which work waited. Throttling or a
 * server error anywhere on the connection halves it, once per epoch, and ends
 * slow start. Without waiting work the limit stays: the input, not the limit,
 * sets the pace.
 */
export class AdaptiveConcurrency implements ConcurrencyLimit {
  private limit: number;
  private slowStart = true;
  private epoch: Epoch;
  private congestionSeen: number;
  private heldSinceCompletion = false;
  private fastestMs = Infinity;
  private averageMs: number | undefined;

  constructor(
    private readonly bounds: AdaptiveBounds,
    private readonly congestion: CongestionSignal,
  ) {
    this.limit = Math.max(1, Math.min(bounds.initial, bounds.maximum));
    this.congestionSeen = congestion.events;
    this.epoch = this.newEpoch(false);
  }

  get current(): number {
    return this.limit;
  }

  held(): void {
    this.epoch.held = true;
    this.heldSinceCompletion = true;
  }

  completed(latencyMs?: number): void {
    if (latencyMs !== undefined) {
      this.fastestMs = Math.min(this.fastestMs, latencyMs);
      this.averageMs = this.averageMs === undefined ? latencyMs : this.averageMs + (latencyMs - this.averageMs) * LATENCY_WEIGHT;
    }
    if (this.congestion.events !== this.congestionSeen) {
      this.congestionSeen = this.congestion.events;
      if (!this.epoch.decreased) {
        this.limit = Math.max(1, Math.floor(this.limit * DECREASE));
        this.slowStart = false;
        this.epoch = this.newEpoch(true);
      }
      return;
    }
    if (this.slowStart && this.heldSinceCompletion && !this.queueing()) this.limit = Math.min(this.bounds.maximum, this.limit + 1);
    this.heldSinceCompletion = false;
    const epoch = this.epoch;
    epoch.completions += 1;
    if (epoch.completions < epoch.limit) return;
    if (this.queueing()) {
      // Slow start overshoots by up to a round trip's growth: ease back towards the knee.
      this.slowStart = false;
      this.limit = Math.max(Math.min(this.bounds.initial, this.limit), Math.floor(this.limit * EASE_BACK));
    } else if (epoch.held && !this.slowStart) {
      this.limit = Math.min(this.bounds.maximum, this.limit + 1);
    }
    this.epoch = this.newEpoch(false);
  }

  private queueing(): boolean {
    return this.averageMs !== undefined && this.averageMs > this.fastestMs * QUEUEING_FACTOR;
  }

  private newEpoch(decreased: boolean): Epoch {
    return { limit: this.limit, completions: 0, held: false, decreased };
  }
}
