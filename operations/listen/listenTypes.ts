import type { ReceivedMessage } from "../../core/generated/receive.output.js";
import type { OperationResult } from "../../core/types.js";
import { ConnectorError } from "../../core/errors.js";

/** The document a handler gets: exactly what the receive operation yields, so delete and changeVisibility take it as it is. */
export type ListenDocument = ReceivedMessage;

export interface HandlerContext {
  /**
   * Aborted when the listener no longer waits for this handler: the message was
   * settled elsewhere (a delete or changeVisibility operation), its visibility ran
   * out (maxProcessingSeconds, SQS's cap), or a stop's drain time ended. Its
   * reason is an Error saying which.
   */
  signal: AbortSignal;
  /** Identifies this delivery; a standard queue can deliver one message twice at once. */
  deliveryId: string;
  /** ApproximateReceiveCount of this delivery (1 the first time). */
  receiveCount: number;
}

/** Resolves: acknowledge (delete). Rejects: fail; an error with `retryAfterSeconds` sets when the message comes back. */
export type MessageHandler = (document: ListenDocument, context: HandlerContext) => unknown;

/** One failed item of a batch, by `messageId` or `receiptHandle` (ReportBatchItemFailures' itemIdentifier). */
export interface BatchItemFailure {
  itemIdentifier: string;
  retryAfterSeconds?: number;
}

/**
 * The batch form: the messages of one poll that can be handed over (on FIFO queues
 * at most one per message group). Resolving with `batchItemFailures` fails those
 * items and acknowledges the rest; resolving with nothing acknowledges all;
 * rejecting fails all.
 */
export interface BatchHandler {
  batch(
    documents: ListenDocument[],
    context: { signal: AbortSignal; deliveryIds: string[] },
  ): Promise<{ batchItemFailures?: BatchItemFailure[] } | void> | { batchItemFailures?: BatchItemFailure[] } | void;
}

export type ListenHandler = MessageHandler | BatchHandler;

export interface ListenOptions {
  /** Aborting stops the listener as `stop()` does (with the configured drain time). */
  signal?: AbortSignal;
  /** Called with each settlement result, `index` counting settlements from 0. */
  onSettled?: (result: OperationResult) => void;
  /** Called whenever the number of messages held (received, not yet settled or released) changes. */
  onInFlightChange?: (inFlight: number) => void;
  /** Stops after this many settlements; no message is received beyond what they can take. */
  maxSettlements?: number;
  /** Stops after this long without a message and with nothing in flight. */
  idleSeconds?: number;
}

export interface ListenSummary {
  /** Settlement results produced (success and error). */
  settlements: number;
  acknowledged: number;
  /** Handler failures and bodies that did not decode, made visible again after their backoff. */
  failed: number;
  /** Poison messages (MESSAGE_POISONED), of which `deadLettered` were moved to the dead-letter queue. */
  poisoned: number;
  deadLettered: number;
  /** Late outcomes not applied because the message's visibility ran out (VISIBILITY_LIMIT_REACHED, MESSAGE_NOT_INFLIGHT). */
  expired: number;
  /** Handlers still running when a stop's drain time ended: their messages were released (ABORTED). */
  aborted: number;
  /** Acknowledged or released by a delete or changeVisibility operation while the listener held them. */
  settledElsewhere: number;
  /** Messages whose last outcome was not an acknowledgement (a failure followed by a successful retry is acknowledged). */
  unacknowledged: number;
}

export interface Listener {
  /** Resolves with the summary once the listener has stopped and released everything; rejects with the ConnectorError that ended it. */
  readonly summary: Promise<ListenSummary>;
  /** Messages received and not yet settled or released. */
  readonly inFlight: number;
  /**
   * Stops polling, lets running handlers finish for `drainSeconds` (default: the
   * config's drainSeconds), waits for a poll in flight and releases what it
   * brought, and releases every message not finished (visibility 0).
   */
  stop(options?: { drainSeconds?: number }): Promise<ListenSummary>;
}

/** An error a handler may throw to say when the message should come back (0: at once). */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = "RetryLater";
  }
}

/** Refuses what cannot handle messages, when the host starts the listener. */
export function checkHandler(handler: unknown): asserts handler is ListenHandler {
  if (typeof handler !== "function" && typeof (handler as { batch?: unknown } | undefined)?.batch !== "function") {
    throw new ConnectorError(
      "CONFIG_INVALID",
      "The handler must be a function (document, context) or an object with batch(documents, context).",
      {
        field: "handler",
      },
    );
  }
}
