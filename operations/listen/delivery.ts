import type { Message } from "@aws-sdk/client-sqs";
import type { OperationResult } from "../../core/types.js";
import type { Outcome } from "./handlerRunner.js";
import type { ListenDocument } from "./listenTypes.js";

/**
 * Where a held message is: `waiting` behind an earlier message of its FIFO group,
 * `handling` (its handler runs), `settling` (our SQS call for it is under way),
 * `lapsed` (its visibility ran out while its handler still runs; the late outcome
 * will be reported, not applied).
 */
export type DeliveryState = "waiting" | "handling" | "settling" | "lapsed";

/** Why a lapsed message's late outcome is not applied. */
export type LapseCode = "VISIBILITY_LIMIT_REACHED" | "MESSAGE_NOT_INFLIGHT";

/** When one ReceiveMessage request was sent and answered (performance.now() milliseconds). */
export interface PollTimes {
  sentAt: number;
  answeredAt: number;
}

/**
 * One delivery of one message, from the poll that brought it until it is settled
 * or released. Times are performance.now() milliseconds: a monotonic clock, so a
 * wall-clock step never makes the heartbeat late.
 */
export class Delivery {
  state: DeliveryState = "waiting";
  /** Our estimate of when SQS makes the message visible again; never later than SQS's own. */
  visibleUntil: number;
  /** SQS's cap (less a margin): no visibility change may reach past it. */
  readonly capAt: number;
  /** The heartbeat extends no further than this (the cap, or maxProcessingSeconds once handed over). */
  limitAt: number;
  /** Set once the heartbeat cannot extend any further (the limit is reached). */
  limitReached = false;
  lapse: LapseCode | undefined;
  /** While a delete or visibility change made elsewhere is under way: the state to return to if it fails. */
  suspendedState: DeliveryState | undefined;
  /** A handler outcome that arrived meanwhile; applied if that settlement fails. */
  deferredOutcome: Outcome | undefined;
  /** The extension of this message currently in flight, if any. */
  extending: Promise<void> | undefined;
  /** Aborted when the listener stops waiting for the handler (see HandlerContext.signal). */
  readonly abort = new AbortController();
  readonly receiptHandle: string;
  readonly messageId: string;
  readonly receiveCount: number;
  /** FIFO queues: the message group; undefined on standard queues. */
  readonly groupId: string | undefined;
  /** The decoded document (a large payload read from S3 first), or why the body does not decode; set before the message is handed over. */
  decoded: OperationResult<ListenDocument> | undefined;

  constructor(
    readonly id: string,
    /** As SQS returned it: the dead-letter move sends its body and attributes byte for byte. */
    readonly message: Message,
    readonly queueUrl: string,
    window: { visibleUntil: number; capAt: number },
  ) {
    this.receiptHandle = message.ReceiptHandle ?? "";
    this.messageId = message.MessageId ?? "";
    const count = Number(message.Attributes?.ApproximateReceiveCount);
    this.receiveCount = Number.isInteger(count) && count > 0 ? count : 1;
    this.groupId = message.Attributes?.MessageGroupId;
    this.visibleUntil = window.visibleUntil;
    this.capAt = window.capAt;
    this.limitAt = window.capAt;
  }

  /** The handle an acknowledgement deletes with: the document's, which carries a large payload's pointer so its object goes too. */
  get acknowledgeHandle(): string {
    return this.decoded?.status === "success" ? this.decoded.document.receiptHandle : this.receiptHandle;
  }

  /** Facts every settlement result of this delivery carries. */
  facts(): Record<string, unknown> {
    return {
      messageId: this.messageId,
      queueUrl: this.queueUrl,
      receiveCount: this.receiveCount,
      deliveryId: this.id,
      ...(this.groupId === undefined ? {} : { messageGroupId: this.groupId }),
    };
  }

  /** Resolves once no extension of this message is in flight. */
  async quiesced(): Promise<void> {
    while (this.extending !== undefined) await this.extending;
  }
}
