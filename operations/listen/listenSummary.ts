import type { OperationResult } from "../../core/types.js";
import type { ListenSummary } from "./listenTypes.js";

/**
 * Counts settlements as they happen and remembers which messages' last outcome
 * was not an acknowledgement. Only those are kept (by message id), so memory
 * grows with failures outstanding, not with everything a listener ever handled.
 */
export class SummaryTally {
  private readonly counts: Omit<ListenSummary, "unacknowledged"> = {
    settlements: 0,
    acknowledged: 0,
    failed: 0,
    poisoned: 0,
    deadLettered: 0,
    expired: 0,
    aborted: 0,
    settledElsewhere: 0,
  };
  private readonly unacknowledged = new Set<string>();

  get settlements(): number {
    return this.counts.settlements;
  }

  record(result: OperationResult, messageId: string): void {
    this.counts.settlements += 1;
    if (result.status === "success") {
      this.counts.acknowledged += 1;
      this.unacknowledged.delete(messageId);
      return;
    }
    this.unacknowledged.add(messageId);
    switch (result.error.code) {
      case "MESSAGE_POISONED":
        this.counts.poisoned += 1;
        if (result.error.details?.["deadLetterMessageId"] !== undefined) this.counts.deadLettered += 1;
        break;
      case "VISIBILITY_LIMIT_REACHED":
      case "MESSAGE_NOT_INFLIGHT":
        this.counts.expired += 1;
        break;
      case "ABORTED":
        this.counts.aborted += 1;
        break;
      default:
        this.counts.failed += 1;
    }
  }

  /** A delete or changeVisibility operation settled the message; a delete resolves it. */
  settledElsewhere(messageId: string, deleted: boolean): void {
    this.counts.settledElsewhere += 1;
    if (deleted) this.unacknowledged.delete(messageId);
  }

  summary(): ListenSummary {
    return { ...this.counts, unacknowledged: this.unacknowledged.size };
  }
}
