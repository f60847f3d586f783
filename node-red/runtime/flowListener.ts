import type { Node, NodeAPI } from "node-red";
import {
  RetryLater,
  type Connection,
  type HandlerContext,
  type ListenDocument,
  type Listener,
  type OperationResult,
} from "../../connector/index.js";
import type { ActivityStatus } from "./activityStatus.js";

export interface FlowListenerSettings {
  connection(): Connection;
  /** The listen configuration from the node's form. */
  config: Record<string, unknown>;
  maxInFlight: number;
  ackTimeoutSeconds: number;
}

/** Seconds a poll may wait at most, so that stopping the flow (which waits for it) stays within Node-RED's close timeout. */
function longestPollSeconds(RED: NodeAPI): number {
  const closeTimeoutMs = Number((RED.settings as { nodeCloseTimeout?: unknown }).nodeCloseTimeout) || 15_000;
  return Math.max(1, Math.floor(closeTimeoutMs / 1000) - 5);
}

/**
 * Runs a listener for a Node-RED node: each message goes into the flow as one
 * Node-RED message and stays held (hidden by the heartbeat, counted against
 * maxInFlight) until a delete node acknowledges it or a changeVisibility node
 * releases it; the connection's in-flight registry matches them by receipt
 * handle. A message the flow has not settled after ackTimeoutSeconds is released,
 * so a flow that drops messages cannot hold every slot.
 */
export class FlowListener {
  private listener: Listener | undefined;
  /** Documents in the flow by delivery id, so an error result can carry the message it is about. */
  private readonly documents = new Map<string, ListenDocument>();
  private closing = false;
  private flowEmpty: (() => void) | undefined;

  constructor(
    private readonly RED: NodeAPI,
    private readonly node: Node,
    private readonly status: ActivityStatus,
    private readonly settings: FlowListenerSettings,
  ) {}

  start(): void {
    const { config, maxInFlight } = this.settings;
    const waitTimeSeconds = Math.min(Number(config["waitTimeSeconds"] ?? Number.POSITIVE_INFINITY), longestPollSeconds(this.RED));
    try {
      this.listener = this.settings
        .connection()
        .listen({ ...config, waitTimeSeconds }, (document, context) => this.handOver(document, context), {
          onSettled: (result) => this.settled(result),
          onInFlightChange: (count) => {
            this.status.holding(count, maxInFlight);
            if (count === 0) this.flowEmpty?.();
          },
        });
    } catch (error) {
      this.fail(error);
      return;
    }
    this.status.holding(0, maxInFlight);
    this.listener.summary.catch((error: unknown) => {
      if (!this.closing) this.fail(error);
    });
  }

  /**
   * Stops the listener and releases what the flow holds; resolves once that is
   * done (or the listener has stopped). `release` is called when the listener
   * has fully stopped: a poll still in flight then has returned and what it
   * brought has been released with the connection's client.
   */
  close(release: () => void): Promise<void> {
    this.closing = true;
    const listener = this.listener;
    if (listener === undefined) {
      release();
      return Promise.resolve();
    }
    const stopped = listener.stop({ drainSeconds: 0 }).then(
      () => undefined,
      () => undefined,
    );
    void stopped.finally(release);
    const flowReleased = listener.inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (this.flowEmpty = resolve));
    return Promise.race([stopped, flowReleased]);
  }

  private handOver(document: ListenDocument, context: HandlerContext): Promise<void> {
    const seconds = this.settings.ackTimeoutSeconds;
    this.documents.set(context.deliveryId, document);
    this.node.send([{ payload: document }, null]);
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new RetryLater(
              `the flow did not acknowledge it (delete node) or release it (changeVisibility node) within ackTimeoutSeconds (${seconds} s), so it was released`,
              0,
            ),
          ),
        seconds * 1000,
      );
      // Settled by a delete or changeVisibility node (or given up at a stop): nothing more to wait for.
      context.signal.addEventListener(
        "abort",
        () => {
          clearTimeout(timer);
          this.documents.delete(context.deliveryId);
          resolve();
        },
        { once: true },
      );
    });
  }

  /** The listener's own settlements in a flow are problems (acknowledging is the delete node's): the second output. */
  private settled(result: OperationResult): void {
    if (result.status === "success") return;
    const id = result.error.details?.["deliveryId"];
    const deliveryId = typeof id === "string" ? id : "";
    const payload = this.documents.get(deliveryId) ?? result.error.details ?? {};
    this.documents.delete(deliveryId);
    if (!this.closing) this.node.send([null, { payload, error: result.error }]);
  }

  private fail(error: unknown): void {
    this.status.failed(error);
    this.node.error(error, { payload: undefined });
  }
}
