import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type Message,
  type QueueAttributeName,
  type ReceiveMessageCommandInput,
  type ReceiveMessageCommandOutput,
} from "@aws-sdk/client-sqs";
import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import { ConnectorError } from "../../core/errors.js";
import type { ReceiveConfiguration } from "../../core/generated/receive.config.js";
import { isFatal, sqsError } from "../../core/sqsErrors.js";
import type { Operation, OperationResult } from "../../core/types.js";
import { CommandSender } from "../commandSender.js";
import { concurrencyLimit, type OperationContext, type OperationDefinition } from "../context.js";
import { POLL_RETRY, retryDelayMs, sleep } from "../../core/retryPolicy.js";
import { payloadReading, type PayloadReading } from "../largePayload/payloadReading.js";
import { planRelease, type Release } from "../largePayload/payloadRelease.js";
import { withSizeAttributes } from "../largePayload/pointerResolver.js";
import { Channel } from "../pipeline/channel.js";
import { mapInOrder } from "../pipeline/orderedMap.js";
import { PollerPool } from "./pollerPool.js";
import { decodedResult } from "./receivedDocument.js";

type ValidatedReceiveConfig = ReceiveConfiguration &
  Required<
    Pick<
      ReceiveConfiguration,
      "maxMessages" | "waitTimeSeconds" | "attributeNames" | "messageAttributeNames" | "bodyEncoding" | "deleteAfterReceive" | "concurrency"
    >
  > & { largePayload?: Required<Pick<NonNullable<ReceiveConfiguration["largePayload"]>, "retainPayloads" | "maxPayloadBytes">> };

export const receiveOperation: OperationDefinition<ValidatedReceiveConfig> = {
  id: "receive",
  create: (context, config) => new ReceiveOperation(context, config),
};

interface PollBudget {
  /** Messages still wanted; a poll reserves what it asks for and gives back what it did not get. */
  left: number;
  drained: boolean;
  /** Empty long polls that ended early since any poller last received something. */
  earlyEmptyPolls: number;
  /**
   * Failed polls in a row, across pollers: the run gives up at POLL_RETRY's
   * attempts however many pollers there are, and a poller that takes over a
   * failed poll's budget does not start the count again.
   */
  failedPolls: number;
}

/** Early empty long polls in a row, across pollers, before the queue counts as drained (a server that ignores the wait). */
const MAX_EARLY_EMPTY_POLLS = 10;

/**
 * Polls with up to `concurrency` long-poll loops (auto: as many as pay off,
 * operations/pipeline/concurrencyLimit.ts) until `maxMessages` have arrived or a
 * poll comes back empty. Received batches wait in a small bounded channel, so a
 * slow host holds the pollers back instead of filling memory. With
 * deleteAfterReceive, a batch is deleted only after the host has taken all of
 * its documents.
 */
class ReceiveOperation implements Operation {
  readonly id = "receive";

  constructor(
    private readonly context: OperationContext,
    private readonly config: ValidatedReceiveConfig,
  ) {}

  async *execute(): AsyncGenerator<OperationResult> {
    const queueUrl = await this.context.queues.url(this.config);
    const { concurrency } = this.config;
    const limit = concurrencyLimit(this.context, concurrency);
    // Room for two batches per poll that may run at first: a slow host holds the pollers back instead of filling memory.
    const batches = new Channel<Message[]>(
      2 * (concurrency === "auto" ? this.context.registry.manifest.auto.concurrency.initial : concurrency),
    );
    const stop = new AbortController();
    // Every poll in flight listens on this signal; the concurrency limit, not Node's default of 10, bounds them.
    setMaxListeners(0, stop.signal);
    const budget: PollBudget = { left: this.config.maxMessages, drained: false, earlyEmptyPolls: 0, failedPolls: 0 };
    let fatal: ConnectorError | undefined;
    const receiver = new CommandSender<ReceiveMessageCommandInput, ReceiveMessageCommandOutput>(this.context.client);
    const pool: PollerPool = new PollerPool(
      limit,
      () => budget.left > 0 && !budget.drained && !stop.signal.aborted && this.context.host.signal?.aborted !== true,
      (leave): Promise<void> =>
        this.poll(queueUrl, batches, budget, stop, receiver, pool, leave).catch((error: unknown) => {
          fatal ??= sqsError(error, "ReceiveMessage");
          stop.abort();
        }),
      () => batches.close(),
    );
    pool.topUp();
    const payloads = payloadReading(this.context, this.config.largePayload);
    const { bodyMaxDepth } = this.context.registry.manifest.documentLimits;
    let index = 0;
    try {
      for (let batch = await batches.take(); batch !== undefined; batch = await batches.take()) {
        const first = index;
        index += batch.length;
        const handles: string[] = [];
        // Pointer messages' payloads are read a few at a time, and handed on in the order received.
        const decoding = { queueUrl, encoding: this.config.bodyEncoding, bodyMaxDepth, resolver: payloads.resolver };
        const results = mapInOrder(batch, this.context.s3Limits.payloadConcurrency, (message, position) =>
          decodedResult(message, first + position, decoding, stop.signal),
        );
        for await (const result of results) {
          if (result.status === "success") handles.push(result.document.receiptHandle);
          yield result;
        }
        if (this.config.deleteAfterReceive) await this.deleteTaken(queueUrl, handles, payloads);
      }
      if (fatal !== undefined) throw fatal;
    } finally {
      stop.abort();
      batches.close();
    }
  }

  private async poll(
    queueUrl: string,
    batches: Channel<Message[]>,
    budget: PollBudget,
    stop: AbortController,
    receiver: CommandSender<ReceiveMessageCommandInput, ReceiveMessageCommandOutput>,
    pool: PollerPool,
    leave: () => boolean,
  ): Promise<void> {
    const { host } = this.context;
    const config = this.config;
    // FIFO: a poll sent again after a failure carries its first attempt's id, so SQS
    // hands back the messages that attempt may have received (and locked) instead
    // of hiding them for the visibility timeout; a new poll gets a new id. The
    // poller that lost the attempt sends it again itself, asking as much (its share
    // of maxMessages stays reserved), even when the queue drained or the limit
    // shrank meanwhile: no other poller may take that share with a new attempt.
    const fifo = queueUrl.endsWith(".fifo");
    let attemptId = randomUUID();
    let lostAttempt: number | undefined;
    while (!stop.signal.aborted && host.signal?.aborted !== true && (lostAttempt !== undefined || (!budget.drained && !leave()))) {
      const want = lostAttempt ?? Math.min(this.context.limits.batchMaxEntries, budget.left);
      if (want <= 0) return;
      if (lostAttempt === undefined) budget.left -= want;
      lostAttempt = undefined;
      let messages: Message[];
      const pollStarted = performance.now();
      try {
        const out = await receiver.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: want,
            WaitTimeSeconds: config.waitTimeSeconds,
            ...(config.visibilityTimeout === undefined ? {} : { VisibilityTimeout: config.visibilityTimeout }),
            ...(fifo ? { ReceiveRequestAttemptId: attemptId } : {}),
            MessageSystemAttributeNames: config.attributeNames,
            // The older name of the same list: SQS-compatible servers that read only it return no system
            // attributes otherwise. The SDK types it as queue attribute names; SQS reads message ones there.
            AttributeNames: config.attributeNames as QueueAttributeName[],
            // The size attributes mark large-payload pointers (resolved, or passed on with a warning).
            MessageAttributeNames: withSizeAttributes(config.messageAttributeNames),
          }),
          stop.signal,
          // A long poll legitimately stays silent for its wait time.
          config.waitTimeSeconds * 1000 + this.context.requestTimeoutMs,
        );
        messages = out.Messages ?? [];
        budget.failedPolls = 0;
        attemptId = randomUUID();
      } catch (error) {
        pool.failed();
        if (stop.signal.aborted) return;
        const failure = sqsError(error, "ReceiveMessage");
        if (isFatal(failure) || ++budget.failedPolls >= POLL_RETRY.attempts) throw failure;
        host.logger.warn(`ReceiveMessage failed (${failure.code}); polling again.`, { attempt: budget.failedPolls });
        // Standard queues: the share goes back to the budget, for whichever poller polls next.
        if (fifo) lostAttempt = want;
        else budget.left += want;
        await sleep(retryDelayMs(POLL_RETRY, budget.failedPolls), stop.signal);
        continue;
      }
      budget.left += want - messages.length;
      pool.polled(messages.length === this.context.limits.batchMaxEntries, performance.now() - pollStarted);
      if (messages.length === 0) {
        // A long poll that ends empty before its wait time was woken and lost a race
        // (another poller took the message): not a sign the queue is drained.
        const waitedOut = performance.now() - pollStarted >= config.waitTimeSeconds * 900;
        if (!waitedOut && ++budget.earlyEmptyPolls < MAX_EARLY_EMPTY_POLLS) continue;
        // Drained: the other pollers finish their current poll (never aborted, or
        // its messages would stay invisible) and start no new one.
        budget.drained = true;
        return;
      }
      budget.earlyEmptyPolls = 0;
      await batches.push(messages);
    }
  }

  /**
   * Deletes a batch the host has taken, then the S3 objects of pointer messages
   * among it; a failure only means the messages come back (at-least-once).
   */
  private async deleteTaken(queueUrl: string, receiptHandles: string[], payloads: PayloadReading): Promise<void> {
    // Handles receive marked itself: always well formed and allowed.
    const releases = receiptHandles
      .map((handle) => planRelease(handle, payloads.settings))
      .filter((plan): plan is Release => !("error" in plan));
    if (releases.length === 0) return;
    let failedIds = new Set<string>();
    try {
      const out = await this.context.client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: releases.map((release, i) => ({ Id: String(i), ReceiptHandle: release.receiptHandle })),
        }),
      );
      const failed = out.Failed ?? [];
      failedIds = new Set(failed.map((f) => f.Id ?? ""));
      if (failed.length > 0) {
        this.context.host.logger.warn(`${failed.length} received messages could not be deleted and will be delivered again.`, {
          codes: [...new Set(failed.map((f) => f.Code))],
        });
      }
    } catch (error) {
      const failure = sqsError(error, "DeleteMessageBatch");
      if (isFatal(failure)) throw failure;
      this.context.host.logger.warn(`Received messages could not be deleted (${failure.code}) and will be delivered again.`);
      return;
    }
    await Promise.all(
      releases.map(async (release, i) => {
        if (release.payload !== undefined && !failedIds.has(String(i))) await payloads.releaser.afterDelete(release.payload);
      }),
    );
  }
}
