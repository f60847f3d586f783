import { ConnectorError } from "../../core/errors.js";
import { sleep } from "../../core/retryPolicy.js";
import { sqsError } from "../../core/sqsErrors.js";
import type { OperationResult } from "../../core/types.js";
import { validateConfig } from "../../core/validation.js";
import { changeVisibilityAction } from "../changeVisibility/changeVisibilityOperation.js";
import type { OperationContext } from "../context.js";
import { deleteAction } from "../delete/deleteOperation.js";
import { payloadReading } from "../largePayload/payloadReading.js";
import { WakeSignal } from "../pipeline/wakeSignal.js";
import { receiptSink, type ReceiptSinkConfig } from "../receiptSink.js";
import { BatchedCalls } from "./batchedCalls.js";
import { Heartbeat } from "./heartbeat.js";
import { resolveListenTarget, type ListenTarget, type ValidatedListenConfig } from "./listenSetup.js";
import { checkHandler, type Listener, type ListenHandler, type ListenOptions, type ListenSummary } from "./listenTypes.js";
import { MessageFlow } from "./messageFlow.js";
import { Poller } from "./poller.js";
import { Settler } from "./settler.js";

/** Most long polls at once: one per ten free slots, so a large maxInFlight fills quickly, up to this many. */
const MAX_POLLERS = 10;

/** Starts a listener on the queue `config` names; its summary settles once it has stopped. */
export function startListener(
  context: OperationContext,
  config: ValidatedListenConfig,
  handler: ListenHandler,
  options: ListenOptions = {},
): Listener {
  checkHandler(handler);
  return new QueueListener(context, config, handler, options);
}

/**
 * A running listener: polls (poller.ts), keeps held messages hidden
 * (heartbeat.ts), runs each message through the handler and settles it
 * (messageFlow.ts, settler.ts), and on stop drains, releases and reports. It only
 * ends on a stop, its signal, its limits (maxSettlements, idleSeconds) or a
 * failure that no later request can get past (credentials, permissions, the
 * queue gone), and in every case releases what it holds before its summary settles.
 */
class QueueListener implements Listener {
  readonly summary: Promise<ListenSummary>;
  private flow: MessageFlow | undefined;
  private readonly stopRequested = new AbortController();
  private readonly changed = new WakeSignal();
  private drainSeconds: number;
  private fatal: ConnectorError | undefined;
  /** When stop() was first called: the drain time counts from then. */
  private stopAt: number | undefined;
  private lastActivity = performance.now();

  constructor(
    private readonly context: OperationContext,
    private readonly config: ValidatedListenConfig,
    private readonly handler: ListenHandler,
    private readonly options: ListenOptions,
  ) {
    this.drainSeconds = config.drainSeconds;
    this.summary = this.run();
    // Callers get the rejection through `summary` or `stop()`; an unobserved one must not crash the host.
    this.summary.catch(() => {});
    if (options.signal?.aborted === true) void this.stop();
    else options.signal?.addEventListener("abort", () => void this.stop(), { once: true });
  }

  get inFlight(): number {
    return this.flow?.held.size ?? 0;
  }

  stop(options: { drainSeconds?: number } = {}): Promise<ListenSummary> {
    if (options.drainSeconds !== undefined) {
      // A later stop may shorten the drain (a second Ctrl-C), never lengthen it.
      const drainSeconds = Math.max(0, options.drainSeconds);
      this.drainSeconds = this.stopRequested.signal.aborted ? Math.min(this.drainSeconds, drainSeconds) : drainSeconds;
      this.changed.notify();
    }
    this.stopAt ??= performance.now();
    this.stopRequested.abort();
    return this.summary;
  }

  private fail(error: unknown): void {
    this.fatal ??= error instanceof ConnectorError ? error : sqsError(error, "Listening");
    void this.stop({ drainSeconds: 0 });
  }

  private async run(): Promise<ListenSummary> {
    const target = await resolveListenTarget(this.context, this.config);
    const stopped = new Promise<void>((resolve) => {
      if (this.stopRequested.signal.aborted) resolve();
      else this.stopRequested.signal.addEventListener("abort", () => resolve(), { once: true });
    });
    const { flow, poller, heartbeat, calls } = this.assemble(target);
    this.flow = flow;
    heartbeat.start();
    const idle = this.watchIdle(flow);
    const polling = this.stopRequested.signal.aborted ? Promise.resolve() : poller.run().catch((error: unknown) => this.fail(error));
    await stopped;
    poller.stop();
    flow.stop();
    await this.drain(flow);
    flow.cutOff();
    await polling;
    await flow.settledAll();
    heartbeat.stop();
    clearInterval(idle);
    await Promise.allSettled(calls.map((call) => call.close()));
    if (this.fatal !== undefined) throw this.fatal;
    return flow.tally.summary();
  }

  private assemble(target: ListenTarget) {
    const { context, config, options } = this;
    const sinkConfig = (schema: string): ReceiptSinkConfig => ({
      // The listener's batched calls behave like the operations' defaults (schemas/*.config.json).
      ...validateConfig<ReceiptSinkConfig>(schema, {}, "Listener calls"),
      queueUrl: target.queueUrl,
    });
    const payloads = payloadReading(context, config.largePayload);
    // An acknowledgement by a pointer's marked handle removes the object after the message, as delete does.
    const acks = new BatchedCalls(
      receiptSink(context, sinkConfig("schemas/delete.config.json"), deleteAction(context, payloads), undefined),
    );
    const visibility = new BatchedCalls(
      receiptSink(context, sinkConfig("schemas/changeVisibility.config.json"), changeVisibilityAction(context, 0), undefined),
    );
    const settler = new Settler(context.client, acks, visibility, {
      backoffBaseSeconds: config.backoffBaseSeconds,
      backoffMaxSeconds: config.backoffMaxSeconds,
      deadLetter: target.deadLetter,
      maxReceives: config.maxReceives,
      maxAttributes: context.limits.messageAttributesMax,
    });
    const visibilitySettings = { visibilitySeconds: target.visibilitySeconds, capSeconds: context.limits.visibilityTimeoutMaxSeconds };
    const flow = new MessageFlow(
      {
        queueUrl: target.queueUrl,
        fifo: target.fifo,
        bodyEncoding: config.bodyEncoding,
        bodyMaxDepth: context.registry.manifest.documentLimits.bodyMaxDepth,
        visibility: visibilitySettings,
        maxProcessingSeconds: config.maxProcessingSeconds,
        resolver: payloads.resolver,
        payloadConcurrency: context.s3Limits.payloadConcurrency,
      },
      this.handler,
      settler,
      context.inFlight,
      {
        settled: (result) => this.settled(result, flow),
        changed: () => {
          poller.slotFreed();
          this.changed.notify();
          options.onInFlightChange?.(flow.held.size);
        },
        fatal: (error) => this.fail(error),
      },
    );
    const heartbeat = new Heartbeat(visibilitySettings, {
      held: () => flow.held.values(),
      extend: (delivery, seconds) =>
        visibility.call({ receiptHandle: delivery.receiptHandle, queueUrl: delivery.queueUrl, visibilityTimeout: seconds }),
      lapsed: (delivery, code) => flow.lapsed(delivery, code),
      logger: context.host.logger,
    });
    const idleCap = options.idleSeconds === undefined ? Number.POSITIVE_INFINITY : Math.max(1, Math.ceil(options.idleSeconds));
    const poller = new Poller(
      context,
      {
        queueUrl: target.queueUrl,
        fifo: target.fifo,
        // With an idle limit, a poll never outlasts it: the listener can end soon after going idle.
        waitTimeSeconds: Math.min(config.waitTimeSeconds, idleCap),
        visibilitySeconds: target.visibilitySeconds,
        pollers: Math.min(MAX_POLLERS, Math.ceil(config.maxInFlight / context.limits.batchMaxEntries)),
      },
      {
        free: () => this.free(flow),
        most: () => Math.min(this.config.maxInFlight, this.budget(flow) + flow.held.size),
        received: (messages, times) => {
          if (messages.length > 0) this.lastActivity = performance.now();
          flow.received(messages, times);
        },
        logger: context.host.logger,
      },
    );
    return { flow, poller, heartbeat, calls: [acks, visibility] };
  }

  /** Slots for new messages: maxInFlight less those held, and no more than the settlements still allowed. */
  private free(flow: MessageFlow): number {
    if (flow.stopping) return 0;
    return Math.min(this.config.maxInFlight - flow.held.size, this.budget(flow));
  }

  /** Messages that may still be received: each held one will settle at least once, so it takes from maxSettlements. */
  private budget(flow: MessageFlow): number {
    const { maxSettlements } = this.options;
    return maxSettlements === undefined ? Number.POSITIVE_INFINITY : maxSettlements - flow.tally.settlements - flow.held.size;
  }

  private settled(result: OperationResult, flow: MessageFlow): void {
    this.lastActivity = performance.now();
    try {
      this.options.onSettled?.(result);
    } catch (error) {
      this.context.host.logger.error(`The onSettled callback threw: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (this.options.maxSettlements !== undefined && flow.tally.settlements >= this.options.maxSettlements) void this.stop();
  }

  /** Waits until no handler runs, or the drain time (which a later stop may shorten) has passed. */
  private async drain(flow: MessageFlow): Promise<void> {
    while (flow.running > 0) {
      const remaining = (this.stopAt ?? performance.now()) + this.drainSeconds * 1000 - performance.now();
      if (remaining <= 0) return;
      const timer = new AbortController();
      await Promise.race([this.changed.wait(), sleep(remaining, timer.signal)]);
      timer.abort();
    }
  }

  private watchIdle(flow: MessageFlow): NodeJS.Timeout | undefined {
    const idleSeconds = this.options.idleSeconds;
    if (idleSeconds === undefined) return undefined;
    const idleMs = idleSeconds * 1000;
    return setInterval(
      () => {
        if (flow.held.size === 0 && performance.now() - this.lastActivity >= idleMs) void this.stop();
      },
      Math.max(50, Math.min(1000, idleMs / 4)),
    );
  }
}
