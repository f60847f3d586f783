/** How another part of the host settled a message a listener holds. */
export type ExternalSettlement = { kind: "deleted" } | { kind: "visibilityChanged"; visibilityTimeout: number };

/** What a listener registers for each message it holds, so that settlements made elsewhere reach it. */
export interface HeldMessage {
  /**
   * Stops extending the message's visibility and resolves once no extension of it
   * is in flight: a release (visibility 0) must not be overtaken by an extension
   * that SQS applies after it and so hides the message again.
   */
  quiesce(): Promise<void>;
  /** A delete or visibility change made elsewhere succeeded: the listener lets the message go. */
  settledElsewhere(settlement: ExternalSettlement): void;
  /** That attempt failed: the listener keeps the message and its heartbeat. */
  resume(): void;
}

/**
 * The messages the connection's listeners hold, by receipt handle. The delete and
 * changeVisibility operations report to it around their calls, so a flow that
 * acknowledges with a delete node (or an SDK user with the delete operation)
 * frees the listener's slot and ends its heartbeat for that message. One per
 * connection: receipt handles are only meaningful with the client that received them.
 */
export class InFlightRegistry {
  private readonly held = new Map<string, HeldMessage>();

  hold(receiptHandle: string, message: HeldMessage): void {
    this.held.set(receiptHandle, message);
  }

  /** The listener settles the message itself (or lost it): later reports about the handle are not its concern. */
  drop(receiptHandle: string): void {
    this.held.delete(receiptHandle);
  }

  /** Before a delete or visibility change: waits until no listener extension of these handles is in flight. */
  async beforeSettle(receiptHandles: readonly string[]): Promise<void> {
    if (this.held.size === 0) return;
    await Promise.all(receiptHandles.map((handle) => this.held.get(handle)?.quiesce() ?? Promise.resolve()));
  }

  /** After it: the settlement when SQS applied it, undefined when it failed. */
  afterSettle(receiptHandle: string, settlement: ExternalSettlement | undefined): void {
    const message = this.held.get(receiptHandle);
    if (message === undefined) return;
    if (settlement === undefined) {
      message.resume();
      return;
    }
    this.held.delete(receiptHandle);
    message.settledElsewhere(settlement);
  }
}
