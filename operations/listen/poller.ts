import { randomUUID } from "node:crypto";
import {
  ReceiveMessageCommand,
  type Message,
  type ReceiveMessageCommandInput,
  type ReceiveMessageCommandOutput,
} from "@aws-sdk/client-sqs";
import type { ConnectorError } from "../../core/errors.js";
import type { Logger } from "../../core/host.js";
import { LISTEN_POLL_RETRY, retrying, sleep } from "../../core/retryPolicy.js";
import { sqsError } from "../../core/sqsErrors.js";
import { CommandSender } from "../commandSender.js";
import type { OperationContext } from "../context.js";
import { WakeSignal } from "../pipeline/wakeSignal.js";
import type { PollTimes } from "./delivery.js";

export interface PollSettings {
  queueUrl: string;
  fifo: boolean;
  waitTimeSeconds: number;
  visibilitySeconds: number;
  /** Polls at once; each asks for at most its share of the free slots. */
  pollers: number;
}

export interface PollerHooks {
  /** Slots free for new messages (maxInFlight less held, and any settlement budget). */
  free(): number;
  /** The most slots that could be free at once (maxInFlight, or less when the settlement budget is smaller). */
  most(): number;
  /** Messages one poll brought, with when it was sent and answered. */
  received(messages: Message[], times: PollTimes): void;
  logger: Logger;
}

/**
 * How long a loop waits for more slots to free before it polls for fewer than a
 * full batch: when handlers finish one by one, polling at each single free slot
 * would cost a request per message; this gathers them, while no slot stays idle
 * longer than this.
 */
const POLL_LINGER_MS = 20;

/**
 * The listener's long-poll loops. A poll asks for no more messages than there are
 * free slots (less what other polls in flight have reserved), so nothing is
 * received that cannot be handed over; at the limit the loops wait until a slot
 * frees. Throttling, server and network failures back off (core/retryPolicy.ts)
 * and polling goes on; any other failure (credentials, permissions, missing
 * queue, a refused request) ends the loops with that error. A stop lets a poll in
 * flight finish: SQS has already hidden what it brings, so it must be received and
 * released, not abandoned.
 */
export class Poller {
  private readonly wake = new WakeSignal();
  private readonly stopping = new AbortController();
  private reserved = 0;
  private readonly receiver: CommandSender<ReceiveMessageCommandInput, ReceiveMessageCommandOutput>;
  /** Never aborted: a poll in flight is waited for, not cancelled (see above). */
  private readonly requestSignal = new AbortController().signal;

  constructor(
    private readonly context: OperationContext,
    private readonly settings: PollSettings,
    private readonly hooks: PollerHooks,
  ) {
    this.receiver = new CommandSender(context.client);
  }

  /** Runs the loops until `stop()`; rejects with the error that ended them. */
  async run(): Promise<void> {
    let failure: ConnectorError | undefined;
    await Promise.all(
      Array.from({ length: this.settings.pollers }, (_, index) =>
        this.loop(index === 0).catch((error: unknown) => {
          failure ??= sqsError(error, "ReceiveMessage");
          this.stop();
        }),
      ),
    );
    if (failure !== undefined) throw failure;
  }

  /** A slot was freed (or the limit changed): a waiting loop may poll again. */
  slotFreed(): void {
    this.wake.notify();
  }

  stop(): void {
    this.stopping.abort();
    this.wake.notify();
  }

  /** Stopped: no further poll starts. */
  get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  /**
   * One long-poll loop. Only the first loop polls for less than a full batch, and
   * only after lingering: several loops each grabbing a slot or two would cost a
   * request per message when handlers finish one by one.
   */
  private async loop(first: boolean): Promise<void> {
    let lingerUntil: number | undefined;
    while (!this.stopped) {
      const woken = this.wake.wait();
      const batch = this.context.limits.batchMaxEntries;
      const want = Math.min(batch, this.hooks.free() - this.reserved);
      const full = want >= Math.min(batch, this.hooks.most());
      if (want <= 0 || (!full && !first)) {
        await woken;
        continue;
      }
      lingerUntil ??= performance.now() + POLL_LINGER_MS;
      const remaining = lingerUntil - performance.now();
      if (!full && remaining > 0) {
        // Woken at each freed slot: a full batch polls at once, else what there is after the linger.
        const timer = new AbortController();
        await Promise.race([woken, sleep(remaining, AbortSignal.any([timer.signal, this.stopping.signal]))]);
        timer.abort();
        continue;
      }
      lingerUntil = undefined;
      this.reserved += want;
      try {
        const polled = await this.poll(want);
        if (polled !== undefined) this.hooks.received(polled.messages, polled.times);
      } finally {
        this.reserved -= want;
        // Slots reserved but not filled are free again for the other loops.
        this.wake.notify();
      }
    }
  }

  /** One poll, repeated after transient failures; undefined when a stop ended the waiting between attempts. */
  private async poll(want: number): Promise<{ messages: Message[]; times: PollTimes } | undefined> {
    // The same attempt id on a repeated FIFO poll makes SQS return the messages the lost answer held.
    const attemptId = this.settings.fifo ? randomUUID() : undefined;
    try {
      return await retrying(LISTEN_POLL_RETRY, () => this.receive(want, attemptId), {
        retryable: (error) => sqsError(error, "ReceiveMessage").retryable,
        signal: this.stopping.signal,
        onRetry: (error, attempt) =>
          this.hooks.logger.warn(`ReceiveMessage failed (${sqsError(error, "ReceiveMessage").code}); polling again after a backoff.`, {
            attempt,
          }),
      });
    } catch (error) {
      if (!this.stopped || !sqsError(error, "ReceiveMessage").retryable) throw error;
      // A stop ended the retries. A FIFO poll whose answer was lost may have hidden messages and locked
      // their groups: asked once more, at once, with the same attempt id, SQS returns them, and they
      // are released instead of staying hidden for the visibility timeout.
      return attemptId === undefined ? undefined : await this.receive(want, attemptId, 0).catch(() => undefined);
    }
  }

  private async receive(
    want: number,
    attemptId: string | undefined,
    waitTimeSeconds = this.settings.waitTimeSeconds,
  ): Promise<{ messages: Message[]; times: PollTimes }> {
    const { queueUrl, visibilitySeconds } = this.settings;
    const sentAt = performance.now();
    const out = await this.receiver.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: want,
        WaitTimeSeconds: waitTimeSeconds,
        // Always explicit, so the heartbeat knows each message's visibility exactly.
        VisibilityTimeout: visibilitySeconds,
        MessageSystemAttributeNames: ["All"],
        MessageAttributeNames: ["All"],
        ...(attemptId === undefined ? {} : { ReceiveRequestAttemptId: attemptId }),
      }),
      this.requestSignal,
      // A long poll legitimately stays silent for its wait time.
      waitTimeSeconds * 1000 + this.context.requestTimeoutMs,
    );
    return { messages: out.Messages ?? [], times: { sentAt, answeredAt: performance.now() } };
  }
}
