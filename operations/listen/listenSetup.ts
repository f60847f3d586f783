import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { ConnectorError } from "../../core/errors.js";
import type { ListenConfiguration } from "../../core/generated/listen.config.js";
import { isAccessDenied, sqsError } from "../../core/sqsErrors.js";
import type { OperationContext } from "../context.js";
import type { DeadLetterTarget } from "./deadLetter.js";

/** A listen config after schema validation: defaults filled in. */
export type ValidatedListenConfig = ListenConfiguration &
  Required<
    Pick<
      ListenConfiguration,
      "maxInFlight" | "waitTimeSeconds" | "bodyEncoding" | "backoffBaseSeconds" | "backoffMaxSeconds" | "drainSeconds"
    >
  > & { largePayload?: Required<Pick<NonNullable<ListenConfiguration["largePayload"]>, "retainPayloads" | "maxPayloadBytes">> };

/** What a listener learns about its queues before the first poll. */
export interface ListenTarget {
  queueUrl: string;
  fifo: boolean;
  visibilitySeconds: number;
  deadLetter: DeadLetterTarget | undefined;
}

/**
 * Resolves the queue, its visibility timeout (when the config leaves it to the
 * queue) and the dead-letter queue. Failures here are configuration or access
 * problems: the listener does not start.
 */
export async function resolveListenTarget(context: OperationContext, config: ValidatedListenConfig): Promise<ListenTarget> {
  const hasDeadLetter = config.deadLetterQueueUrl !== undefined || config.deadLetterQueueName !== undefined;
  if (hasDeadLetter && config.maxReceives === undefined) {
    throw new ConnectorError(
      "CONFIG_INVALID",
      "A dead-letter queue is set but maxReceives is not: set maxReceives (how many receives make a message poison).",
      {
        field: "maxReceives",
      },
    );
  }
  const queueUrl = await context.queues.url(config);
  const fifo = queueUrl.endsWith(".fifo");
  const visibilitySeconds = config.visibilityTimeout ?? (await queueVisibilitySeconds(context, queueUrl));
  if (!hasDeadLetter) return { queueUrl, fifo, visibilitySeconds, deadLetter: undefined };
  const info = await context.queues.info({
    queueUrl: config.deadLetterQueueUrl,
    queueName: config.deadLetterQueueName,
    queueOwnerAccountId: config.queueOwnerAccountId,
  });
  const field = config.deadLetterQueueUrl !== undefined ? "deadLetterQueueUrl" : "deadLetterQueueName";
  if (info.url === queueUrl) {
    throw new ConnectorError("CONFIG_INVALID", `${field} names the queue the listener reads; name another queue.`, { field });
  }
  const deadLetterFifo = info.url.endsWith(".fifo");
  if (deadLetterFifo !== fifo) {
    // SQS's own redrive has the same rule: a FIFO queue's dead-letter queue is FIFO, a standard queue's is standard.
    throw new ConnectorError(
      "CONFIG_INVALID",
      `${field}: the dead-letter queue of a ${fifo ? "FIFO" : "standard"} queue must be a ${fifo ? "FIFO" : "standard"} queue.`,
      { field },
    );
  }
  return { queueUrl, fifo, visibilitySeconds, deadLetter: { url: info.url, fifo: deadLetterFifo, maxMessageBytes: info.maxMessageBytes } };
}

async function queueVisibilitySeconds(context: OperationContext, queueUrl: string): Promise<number> {
  const fallback = context.limits.visibilityTimeoutFallbackSeconds;
  try {
    const out = await context.client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["VisibilityTimeout"] }));
    const seconds = Number(out.Attributes?.VisibilityTimeout);
    // A queue with visibility 0 would leave nothing hidden for the heartbeat to extend: SQS's default instead.
    return Number.isInteger(seconds) && seconds > 0 ? seconds : fallback;
  } catch (error) {
    const failure = sqsError(error, "GetQueueAttributes");
    if (!isAccessDenied(failure)) throw failure;
    context.host.logger.warn(
      `sqs:GetQueueAttributes is denied, so the queue's visibility timeout is unknown: messages are received with ${fallback} s (set visibilityTimeout to choose).`,
    );
    return fallback;
  }
}
