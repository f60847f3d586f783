import type { SQSClient } from "@aws-sdk/client-sqs";
import { ConnectorError, documentError, type DocumentError } from "../../core/errors.js";
import type { ErrorCode } from "../../core/errorCodes.js";
import type { BatchedCalls } from "./batchedCalls.js";
import { sendToDeadLetterQueue, type DeadLetterTarget } from "./deadLetter.js";
import type { Delivery } from "./delivery.js";

/** A settlement result before the listener numbers it. */
export type Settlement = { status: "success"; document: Record<string, unknown> } | { status: "error"; error: DocumentError };

export interface SettlerSettings {
  backoffBaseSeconds: number;
  backoffMaxSeconds: number;
  deadLetter: DeadLetterTarget | undefined;
  maxReceives: number | undefined;
  maxAttributes: number;
}

/**
 * The SQS side of settling: acknowledge (DeleteMessageBatch), make visible again
 * after a backoff or at once (ChangeMessageVisibilityBatch), move to the
 * dead-letter queue (SendMessage, then delete). Every method resolves with what
 * happened, never throws for one message's problem; a failure of the whole call
 * (credentials, queue gone) rejects, and ends the listener.
 */
export class Settler {
  constructor(
    private readonly client: SQSClient,
    private readonly acks: BatchedCalls,
    private readonly visibility: BatchedCalls,
    private readonly settings: SettlerSettings,
  ) {}

  /** min(base x 2^(receiveCount-1), max): the delay after this delivery's failure. */
  backoffSeconds(delivery: Delivery): number {
    const { backoffBaseSeconds, backoffMaxSeconds } = this.settings;
    return Math.min(backoffMaxSeconds, backoffBaseSeconds * 2 ** (delivery.receiveCount - 1));
  }

  isPoison(delivery: Delivery): boolean {
    return this.settings.maxReceives !== undefined && delivery.receiveCount > this.settings.maxReceives;
  }

  async acknowledge(delivery: Delivery): Promise<Settlement> {
    const result = await this.acks.call({ receiptHandle: delivery.acknowledgeHandle, queueUrl: delivery.queueUrl });
    if (result.status === "success") {
      // A large payload's object was removed after the message (or kept, and why).
      const { largePayload } = result.document as { largePayload?: unknown };
      return {
        status: "success",
        document: { ...delivery.facts(), outcome: "acknowledged", ...(largePayload === undefined ? {} : { largePayload }) },
      };
    }
    return failed(
      result.error.code,
      `Message ${delivery.messageId} was handled but could not be deleted (${result.error.message}); it will be delivered again.`,
      delivery,
    );
  }

  /** Makes the message visible again after `seconds` and reports why with `code`. */
  async retryLater(
    delivery: Delivery,
    seconds: number,
    code: ErrorCode,
    reason: string,
    details: Record<string, unknown> = {},
  ): Promise<Settlement> {
    // SQS rejects a change reaching past its cap: come back sooner rather than not at all.
    const delay = Math.max(0, Math.min(seconds, Math.floor((delivery.capAt - performance.now()) / 1000)));
    const result = await this.visibility.call({
      receiptHandle: delivery.receiptHandle,
      queueUrl: delivery.queueUrl,
      visibilityTimeout: delay,
    });
    const then =
      result.status === "success"
        ? `it is visible again in ${delay} s`
        : `its backoff could not be set (${result.error.code}), so it is visible again when its visibility timeout ends`;
    return failed(code, `Message ${delivery.messageId}: ${reason}; ${then}.`, delivery, {
      ...details,
      ...(result.status === "success" ? { visibleAgainInSeconds: delay } : { visibilityError: result.error.code }),
    });
  }

  /** Visible again at once, without a result (messages never handed over, or whose handling was cut off). */
  async release(deliveries: readonly Delivery[]): Promise<boolean[]> {
    return Promise.all(
      deliveries.map(async (delivery) => {
        const call = this.visibility.call({ receiptHandle: delivery.receiptHandle, queueUrl: delivery.queueUrl, visibilityTimeout: 0 });
        return (await call.catch(() => undefined))?.status === "success";
      }),
    );
  }

  /** A poison message: moved to the dead-letter queue, or left to the queue's redrive policy after a backoff. */
  async poison(delivery: Delivery): Promise<{ settlement: Settlement; moved: boolean }> {
    const why = `received ${delivery.receiveCount} times, more than maxReceives ${this.settings.maxReceives ?? "?"}`;
    const target = this.settings.deadLetter;
    if (target === undefined) {
      const settlement = await this.retryLater(
        delivery,
        this.backoffSeconds(delivery),
        "MESSAGE_POISONED",
        `${why}; not handed over again, left to the queue's redrive policy`,
      );
      return { settlement, moved: false };
    }
    let deadLetterMessageId: string;
    try {
      deadLetterMessageId = await sendToDeadLetterQueue(this.client, target, delivery, why, this.settings.maxAttributes);
    } catch (error) {
      const code = error instanceof ConnectorError ? error.code : "SQS_REQUEST_REJECTED";
      const reason = `${why}; it could not be moved to the dead-letter queue (${code}: ${error instanceof Error ? error.message : String(error)})`;
      return { settlement: await this.retryLater(delivery, this.backoffSeconds(delivery), "MESSAGE_POISONED", reason), moved: false };
    }
    // SQS's own handle: the moved message still points at a large payload's object, which must stay.
    const deleted = await this.acks.call({ receiptHandle: delivery.receiptHandle, queueUrl: delivery.queueUrl });
    const tail =
      deleted.status === "success"
        ? "and deleted here"
        : `but could not be deleted here (${deleted.error.code}), so it will be moved again (a FIFO dead-letter queue drops the repeat)`;
    const settlement = failed("MESSAGE_POISONED", `Message ${delivery.messageId} was ${why}: moved to ${target.url} ${tail}.`, delivery, {
      deadLetterQueueUrl: target.url,
      deadLetterMessageId,
    });
    return { settlement, moved: true };
  }
}

export function failed(code: ErrorCode, message: string, delivery: Delivery, details: Record<string, unknown> = {}): Settlement {
  return { status: "error", error: documentError(code, message, { details: { ...delivery.facts(), ...details } }) };
}
