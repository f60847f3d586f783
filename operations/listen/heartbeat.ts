import type { Logger } from "../../core/host.js";
import type { OperationResult } from "../../core/types.js";
import type { Delivery, LapseCode, PollTimes } from "./delivery.js";

export interface VisibilitySettings {
  /** The visibility a receive grants and each extension adds (config or the queue's own). */
  visibilitySeconds: number;
  /** SQS's cap on a message's visibility, counted from the ReceiveMessage request (manifest sqsLimits). */
  capSeconds: number;
}

/**
 * The margin kept before SQS's cap: an extension computed to end at the cap would
 * be rejected (SQS rejects rather than clamps) if the request took longer to
 * arrive than we allowed for. Two minutes under the 12-hour cap; a twentieth of a
 * shorter cap (tests shrink it).
 */
export function capMarginSeconds(capSeconds: number): number {
  return Math.min(120, capSeconds / 20);
}

/**
 * The visibility window of a polled message. SQS counts the cap from when it got
 * the request, so it is counted from when we sent it (never later than SQS's). The
 * visibility itself starts when SQS picked the messages, between sending and the
 * answer: from the answer less a safety allowance for its way back, but no earlier
 * than the send, so a long poll that waited does not look expired on arrival.
 */
export function visibilityWindow(times: PollTimes, settings: VisibilitySettings): { visibleUntil: number; capAt: number } {
  const visibilityMs = settings.visibilitySeconds * 1000;
  const pickedAt = Math.max(times.sentAt, times.answeredAt - Math.min(1000, visibilityMs / 4));
  return {
    visibleUntil: pickedAt + visibilityMs,
    capAt: times.sentAt + (settings.capSeconds - capMarginSeconds(settings.capSeconds)) * 1000,
  };
}

export interface HeartbeatHooks {
  /** The messages to keep hidden (waiting and handling ones). */
  held(): Iterable<Delivery>;
  /** One ChangeMessageVisibility, batched with others. */
  extend(delivery: Delivery, seconds: number): Promise<OperationResult>;
  /** The message's visibility ran out (by our clock, or SQS says it is no longer in flight). */
  lapsed(delivery: Delivery, code: LapseCode): void;
  logger: Logger;
}

/**
 * Keeps held messages hidden: every quarter visibility timeout it extends, in
 * batches, each message with half its visibility or less left, by one visibility
 * timeout, never past its limit (SQS's cap less the margin, or maxProcessingSeconds).
 * A message that reaches its limit is left to run out; one whose visibility ran out
 * is reported lapsed. Failed extensions of a transient kind are tried again on the
 * next tick while time remains.
 */
export class Heartbeat {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly settings: VisibilitySettings,
    private readonly hooks: HeartbeatHooks,
  ) {
    this.tickMs = Math.min(30_000, Math.max(100, (settings.visibilitySeconds * 1000) / 4));
  }

  /** Every quarter visibility timeout (0.1..30 s). */
  private readonly tickMs: number;

  start(): void {
    this.timer = setInterval(() => this.tick(), this.tickMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  tick(now = performance.now()): void {
    const aheadMs = (this.settings.visibilitySeconds * 1000) / 2;
    for (const delivery of this.hooks.held()) {
      if (delivery.state !== "waiting" && delivery.state !== "handling") continue;
      // A message at its limit is given up a tick early: its handler hears of it while SQS still hides the message.
      if (now >= delivery.visibleUntil - (delivery.limitReached ? this.tickMs : 0)) {
        this.hooks.lapsed(delivery, delivery.limitReached ? "VISIBILITY_LIMIT_REACHED" : "MESSAGE_NOT_INFLIGHT");
        continue;
      }
      if (delivery.extending !== undefined || delivery.limitReached || delivery.visibleUntil - now > aheadMs) continue;
      const room = Math.floor((delivery.limitAt - now) / 1000);
      const seconds = Math.min(this.settings.visibilitySeconds, room);
      if (seconds < this.settings.visibilitySeconds) delivery.limitReached = true;
      // An extension that would not move the deadline is pointless: the message runs out at its limit.
      if (seconds >= 1 && now + seconds * 1000 > delivery.visibleUntil) this.extend(delivery, seconds, now);
    }
  }

  private extend(delivery: Delivery, seconds: number, sentAt: number): void {
    delivery.extending = this.hooks
      .extend(delivery, seconds)
      .then((result) => {
        if (result.status === "success") {
          delivery.visibleUntil = Math.max(delivery.visibleUntil, sentAt + seconds * 1000);
          return;
        }
        const code = result.error.code;
        if (code === "VISIBILITY_LIMIT_REACHED") {
          // SQS counted differently than we did (clock or request delays): no further extension.
          delivery.limitReached = true;
        } else if (code === "RECEIPT_HANDLE_INVALID" || code === "MESSAGE_NOT_INFLIGHT") {
          if (delivery.state === "waiting" || delivery.state === "handling") this.hooks.lapsed(delivery, "MESSAGE_NOT_INFLIGHT");
        } else {
          this.hooks.logger.warn(`Could not extend the visibility of message ${delivery.messageId} (${code}); trying again.`);
        }
      })
      .catch(() => {
        // The whole call failed (the listener is ending): nothing more to keep hidden.
      })
      .finally(() => {
        delivery.extending = undefined;
      });
  }
}
