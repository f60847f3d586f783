import type { Message } from "@aws-sdk/client-sqs";
import type { ConnectorError } from "../../core/errors.js";
import type { OperationResult } from "../../core/types.js";
import type { ExternalSettlement, HeldMessage, InFlightRegistry } from "../inFlightRegistry.js";
import type { PointerResolver } from "../largePayload/pointerResolver.js";
import { mapInOrder } from "../pipeline/orderedMap.js";
import { decodedResult } from "../receive/receivedDocument.js";
import { Delivery, type LapseCode, type PollTimes } from "./delivery.js";
import { GroupSequencer } from "./groupSequencer.js";
import { HandlerRunner, type Outcome } from "./handlerRunner.js";
import { visibilityWindow, type VisibilitySettings } from "./heartbeat.js";
import { SummaryTally } from "./listenSummary.js";
import type { ListenHandler } from "./listenTypes.js";
import { failed, type Settlement, type Settler } from "./settler.js";

/** What the group does after a message lets go: its next message goes on, or the rest return to SQS with it. */
type GroupStep = "advance" | "holdBack";

export interface FlowSettings {
  queueUrl: string;
  fifo: boolean;
  bodyEncoding: "text" | "base64" | "json";
  /** JSON bodies nested deeper are not decoded (BODY_TOO_DEEP), as receive does. */
  bodyMaxDepth: number;
  visibility: VisibilitySettings;
  maxProcessingSeconds: number | undefined;
  /** Large-payload pointers, resolved as receive resolves them, `payloadConcurrency` at a time. */
  resolver: PointerResolver;
  payloadConcurrency: number;
}

export interface FlowHooks {
  /** A settlement result, numbered. */
  settled(result: OperationResult): void;
  /** The number of held messages changed (a slot freed, or messages arrived). */
  changed(): void;
  /** A whole call failed: the listener ends. */
  fatal(error: unknown): void;
}

/**
 * The life of each held message: received, waiting for its FIFO group, handed to
 * the handler, settled (acknowledged, retried after a backoff, poisoned), or
 * released; and what others do to it (the heartbeat reports a lapse, a delete or
 * changeVisibility operation settles it elsewhere). Every path ends in `letGo`,
 * which frees the slot and moves the message's group on.
 */
export class MessageFlow {
  readonly held = new Map<string, Delivery>();
  readonly tally = new SummaryTally();
  private readonly sequencer: GroupSequencer;
  private readonly runner: HandlerRunner;
  private readonly work = new Set<Promise<void>>();
  private deliveries = 0;
  /** Set by a stop: nothing more is handed over, and what arrives is released. */
  stopping = false;

  constructor(
    private readonly settings: FlowSettings,
    handler: ListenHandler,
    private readonly settler: Settler,
    private readonly registry: InFlightRegistry,
    private readonly hooks: FlowHooks,
  ) {
    this.sequencer = new GroupSequencer(settings.fifo);
    this.runner = new HandlerRunner(handler);
  }

  /** Handlers running (or lapsed and still running): what a drain waits for. */
  get running(): number {
    let count = 0;
    for (const delivery of this.held.values()) if (delivery.state === "handling" || delivery.state === "lapsed") count += 1;
    return count;
  }

  /** Resolves once every settlement and release under way has finished. */
  async settledAll(): Promise<void> {
    while (this.work.size > 0) await Promise.all(this.work);
  }

  received(messages: Message[], times: PollTimes): void {
    const window = visibilityWindow(times, this.settings.visibility);
    const deliveries = messages.map((message) => new Delivery(`${++this.deliveries}`, message, this.settings.queueUrl, window));
    // Held (and kept hidden by the heartbeat) at once; handed over once decoded, which may read large payloads from S3.
    for (const delivery of deliveries) {
      this.held.set(delivery.id, delivery);
      this.registry.hold(delivery.receiptHandle, this.heldMessage(delivery));
    }
    this.hooks.changed();
    this.track(
      this.decode(deliveries).then(() => {
        // Those that lapsed or were settled elsewhere meanwhile are no longer ours.
        const live = deliveries.filter((delivery) => this.held.get(delivery.id) === delivery && delivery.state === "waiting");
        if (this.stopping) this.release(live);
        else this.dispatch(this.sequencer.admit(live));
      }),
    );
  }

  /** Decodes each message as receive does; a failure that ends the listener still releases them first. */
  private async decode(deliveries: Delivery[]): Promise<void> {
    const { queueUrl, bodyEncoding, bodyMaxDepth, resolver, payloadConcurrency } = this.settings;
    const decoding = { queueUrl, encoding: bodyEncoding, bodyMaxDepth, resolver };
    try {
      const decoded = mapInOrder(deliveries, payloadConcurrency, (delivery) => decodedResult(delivery.message, 0, decoding));
      let position = 0;
      for await (const result of decoded) deliveries[position++]!.decoded = result;
    } catch (error) {
      this.release(deliveries.filter((delivery) => this.held.get(delivery.id) === delivery && delivery.state === "waiting"));
      throw error;
    }
  }

  /** The heartbeat found the message's visibility ran out. */
  lapsed(delivery: Delivery, code: LapseCode): void {
    this.registry.drop(delivery.receiptHandle);
    this.release(this.sequencer.holdBack(delivery));
    if (delivery.state === "waiting") {
      // Never handed over: it is simply visible again, behind nothing we still hold.
      this.letGo(delivery, "holdBack");
      return;
    }
    delivery.state = "lapsed";
    delivery.lapse = code;
    delivery.abort.abort(new Error(`${code}: the message's visibility ran out; its outcome will not be applied.`));
  }

  /** A stop's drain time ended: handlers still running are cut off and their messages released. */
  cutOff(): void {
    for (const delivery of [...this.held.values()]) {
      if (delivery.state === "lapsed") {
        this.finishLapsed(delivery);
      } else if (delivery.state === "handling") {
        delivery.abort.abort(new Error("ABORTED: the listener stopped and its drain time ended."));
        this.settle(delivery, "holdBack", async () => {
          await this.settler.release([delivery]);
          return failed(
            "ABORTED",
            `Message ${delivery.messageId}: the listener stopped before its handler finished; it was released.`,
            delivery,
          );
        });
      }
    }
  }

  /** A stop: waiting messages are released, no new one is handed over. */
  stop(): void {
    this.stopping = true;
    this.release(this.sequencer.drain());
  }

  private dispatch(ready: Delivery[]): void {
    const handable: Delivery[] = [];
    for (const delivery of ready) {
      if (this.settler.isPoison(delivery)) {
        this.settleWith(delivery, async () => {
          const { settlement, moved } = await this.settler.poison(delivery);
          return { settlement, step: moved ? "advance" : "holdBack" };
        });
      } else if (delivery.decoded?.status === "error") {
        const { code, message } = delivery.decoded.error;
        const reason = message.replace(`Message ${delivery.messageId}: `, "");
        this.settle(delivery, "holdBack", () => this.settler.retryLater(delivery, this.settler.backoffSeconds(delivery), code, reason));
      } else {
        delivery.state = "handling";
        const processing = this.settings.maxProcessingSeconds;
        if (processing !== undefined) delivery.limitAt = Math.min(delivery.capAt, performance.now() + processing * 1000);
        handable.push(delivery);
      }
    }
    this.runner.run(handable, (delivery, outcome) => this.outcome(delivery, outcome));
  }

  private outcome(delivery: Delivery, outcome: Outcome): void {
    if (delivery.state === "lapsed") return this.finishLapsed(delivery);
    if (delivery.state === "settling" && delivery.suspendedState === "handling") {
      delivery.deferredOutcome = outcome;
      return;
    }
    if (delivery.state !== "handling") return;
    if (outcome.ok) {
      this.settleWith(delivery, async () => {
        const settlement = await this.settler.acknowledge(delivery);
        return { settlement, step: settlement.status === "success" ? "advance" : "holdBack" };
      });
      return;
    }
    const seconds = outcome.retryAfterSeconds ?? this.settler.backoffSeconds(delivery);
    const reason = `the handler failed: ${outcome.reason}`;
    this.settle(delivery, "holdBack", () => this.settler.retryLater(delivery, seconds, "HANDLER_FAILED", reason, outcome.details));
  }

  private finishLapsed(delivery: Delivery): void {
    const code = delivery.lapse ?? "MESSAGE_NOT_INFLIGHT";
    const why =
      code === "VISIBILITY_LIMIT_REACHED"
        ? "its handling outlasted maxProcessingSeconds or SQS's 12-hour visibility cap"
        : "its visibility ran out before the heartbeat could extend it";
    this.emit(
      failed(code, `Message ${delivery.messageId}: ${why}; it is visible again and its outcome was not applied.`, delivery),
      delivery,
    );
    this.letGo(delivery, "holdBack");
  }

  private settle(delivery: Delivery, step: GroupStep, work: () => Promise<Settlement>): void {
    this.settleWith(delivery, async () => ({ settlement: await work(), step }));
  }

  /** Our own settlement: after any extension in flight, so none lands after it; the registry no longer reports the handle. */
  private settleWith(delivery: Delivery, work: () => Promise<{ settlement: Settlement; step: GroupStep }>): void {
    delivery.state = "settling";
    this.registry.drop(delivery.receiptHandle);
    this.track(
      delivery
        .quiesced()
        .then(work)
        .then(({ settlement, step }) => {
          this.emit(settlement, delivery);
          this.letGo(delivery, step);
        }),
    );
  }

  /** Visible again at once, without a result: never handed over, or not ours to finish. */
  private release(deliveries: Delivery[]): void {
    if (deliveries.length === 0) return;
    for (const delivery of deliveries) {
      delivery.state = "settling";
      this.registry.drop(delivery.receiptHandle);
    }
    this.track(
      Promise.all(deliveries.map((delivery) => delivery.quiesced()))
        .then(() => this.settler.release(deliveries))
        .then(() => {
          for (const delivery of deliveries) this.letGo(delivery, "holdBack");
        }),
    );
  }

  private letGo(delivery: Delivery, step: GroupStep): void {
    if (!this.held.delete(delivery.id)) return;
    this.registry.drop(delivery.receiptHandle);
    if (step === "advance") {
      const next = this.sequencer.advance(delivery);
      if (next !== undefined) {
        if (this.stopping) this.release([next]);
        else this.dispatch([next]);
      }
    } else {
      this.release(this.sequencer.holdBack(delivery));
    }
    this.hooks.changed();
  }

  private emit(settlement: Settlement, delivery: Delivery): void {
    const result = { index: this.tally.settlements, ...settlement } as OperationResult;
    this.tally.record(result, delivery.messageId);
    this.hooks.settled(result);
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => this.hooks.fatal(error as ConnectorError));
    this.work.add(tracked);
    void tracked.finally(() => this.work.delete(tracked));
  }

  /** How the registry reaches this delivery when a delete or changeVisibility operation settles it. */
  private heldMessage(delivery: Delivery): HeldMessage {
    return {
      quiesce: async () => {
        if (delivery.state === "waiting" || delivery.state === "handling") {
          delivery.suspendedState = delivery.state;
          delivery.state = "settling";
        }
        await delivery.quiesced();
      },
      settledElsewhere: (settlement) => this.settledElsewhere(delivery, settlement),
      resume: () => {
        if (delivery.suspendedState === undefined) return;
        delivery.state = delivery.suspendedState;
        delivery.suspendedState = undefined;
        const deferred = delivery.deferredOutcome;
        delivery.deferredOutcome = undefined;
        if (deferred !== undefined) this.outcome(delivery, deferred);
      },
    };
  }

  private settledElsewhere(delivery: Delivery, settlement: ExternalSettlement): void {
    const deleted = settlement.kind === "deleted";
    delivery.abort.abort(new Error(`The message was ${deleted ? "deleted" : "released"} elsewhere.`));
    this.tally.settledElsewhere(delivery.messageId, deleted);
    this.letGo(delivery, deleted && delivery.suspendedState === "handling" ? "advance" : "holdBack");
  }
}
