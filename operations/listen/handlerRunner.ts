import type { Delivery } from "./delivery.js";
import type { BatchHandler, ListenDocument, ListenHandler, MessageHandler } from "./listenTypes.js";

/** What a handler said about one message. */
export type Outcome =
  { ok: true } | { ok: false; reason: string; retryAfterSeconds: number | undefined; details?: Record<string, unknown> };

/**
 * Runs the handler for deliveries that are ready: the message form once per
 * delivery, the batch form once per group of deliveries with a per-item outcome
 * (ReportBatchItemFailures' shape). Whatever a handler throws, or however it
 * resolves, each delivery gets exactly one outcome.
 */
export class HandlerRunner {
  constructor(private readonly handler: ListenHandler) {}

  run(deliveries: Delivery[], onOutcome: (delivery: Delivery, outcome: Outcome) => void): void {
    if (deliveries.length === 0) return;
    if (typeof this.handler === "function") {
      for (const delivery of deliveries) this.runOne(this.handler, delivery, onOutcome);
    } else {
      this.runBatch(this.handler, deliveries, onOutcome);
    }
  }

  private runOne(handler: MessageHandler, delivery: Delivery, onOutcome: (delivery: Delivery, outcome: Outcome) => void): void {
    const context = { signal: delivery.abort.signal, deliveryId: delivery.id, receiveCount: delivery.receiveCount };
    Promise.resolve()
      .then(() => handler(documentOf(delivery), context))
      .then(
        () => onOutcome(delivery, { ok: true }),
        (error: unknown) => onOutcome(delivery, failure(error)),
      );
  }

  private runBatch(handler: BatchHandler, deliveries: Delivery[], onOutcome: (delivery: Delivery, outcome: Outcome) => void): void {
    const context = { signal: AbortSignal.any(deliveries.map((d) => d.abort.signal)), deliveryIds: deliveries.map((d) => d.id) };
    Promise.resolve()
      .then(() => handler.batch(deliveries.map(documentOf), context))
      .then(
        (reply) => {
          const failures = reply?.batchItemFailures ?? [];
          const byItem = new Map(failures.map((f) => [f.itemIdentifier, f]));
          const unknown = failures.filter(
            (f) => !deliveries.some((d) => d.messageId === f.itemIdentifier || d.receiptHandle === f.itemIdentifier),
          );
          for (const delivery of deliveries) {
            const failed = byItem.get(delivery.messageId) ?? byItem.get(delivery.receiptHandle);
            if (unknown.length > 0) {
              // As Lambda does: an identifier that names no message of the batch fails the whole batch.
              onOutcome(delivery, {
                ok: false,
                reason: `the batch handler reported itemIdentifier "${unknown[0]!.itemIdentifier}", which names no message of its batch`,
                retryAfterSeconds: undefined,
              });
            } else if (failed === undefined) {
              onOutcome(delivery, { ok: true });
            } else {
              onOutcome(delivery, {
                ok: false,
                reason: "the batch handler reported it failed",
                retryAfterSeconds: seconds(failed.retryAfterSeconds),
              });
            }
          }
        },
        (error: unknown) => {
          for (const delivery of deliveries) onOutcome(delivery, failure(error));
        },
      );
  }
}

function documentOf(delivery: Delivery): ListenDocument {
  // Only decodable messages are handed over.
  return (delivery.decoded as { document: ListenDocument }).document;
}

function failure(error: unknown): Outcome {
  const shape = (error ?? {}) as { retryAfterSeconds?: unknown; details?: unknown; message?: unknown };
  const reason = typeof shape.message === "string" && shape.message !== "" ? shape.message : String(error);
  const details = shape.details !== null && typeof shape.details === "object" ? (shape.details as Record<string, unknown>) : undefined;
  return { ok: false, reason, retryAfterSeconds: seconds(shape.retryAfterSeconds), ...(details === undefined ? {} : { details }) };
}

/** A usable retry delay in whole seconds, or undefined (then the backoff applies). */
function seconds(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? Math.ceil(value) : undefined;
}
