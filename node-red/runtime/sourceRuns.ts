import type { Node, NodeAPI, NodeMessageInFlow } from "node-red";
import type { Operation } from "../../connector/index.js";
import type { ActivityStatus } from "./activityStatus.js";
import { ResultMessages, type DoneFunction, type SendFunction } from "./resultMessages.js";

/**
 * Runs a source operation (receive) for a flow node, one run at a time: on an
 * input message, and, with a poll interval, on its own from deploy on, the
 * next poll starting that long after the previous run ended. Each result is
 * sent as it arrives. Nothing is deleted here: receive deletes only when
 * configured to (deleteAfterReceive), otherwise a delete node does it after
 * the flow has handled the message.
 */
export class SourceRuns {
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  private closing = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly RED: NodeAPI,
    private readonly node: Node,
    private readonly operation: () => Operation,
    private readonly status: ActivityStatus,
  ) {}

  trigger(msg: NodeMessageInFlow, send: SendFunction, done: DoneFunction): void {
    void this.enqueue(msg, send, done);
  }

  poll(intervalSeconds: number): void {
    if (intervalSeconds <= 0) return;
    const next = (delayMs: number): void => {
      this.timer = setTimeout(() => {
        // A run already queued or running (an input message's) stands in for this poll.
        const run = this.queued === 0 ? this.enqueue(undefined, (msg) => this.node.send(msg), undefined) : Promise.resolve();
        void run.then(() => {
          if (!this.closing) next(intervalSeconds * 1000);
        });
      }, delayMs);
    };
    next(0);
  }

  /**
   * Stops polling and ends the current run at its next result. A long poll in
   * flight is not waited for: the messages it brings are not passed on (and so
   * not deleted) and become visible again after the visibility timeout.
   */
  close(): void {
    this.closing = true;
    clearTimeout(this.timer);
  }

  private enqueue(trigger: NodeMessageInFlow | undefined, send: SendFunction, done: DoneFunction | undefined): Promise<void> {
    this.queued += 1;
    const run = this.queue.then(() => this.run(trigger, send, done)).finally(() => (this.queued -= 1));
    this.queue = run;
    return run;
  }

  private async run(trigger: NodeMessageInFlow | undefined, send: SendFunction, done: DoneFunction | undefined): Promise<void> {
    const messages = new ResultMessages(this.RED, trigger, undefined);
    let results = 0;
    try {
      if (!this.closing) {
        for await (const result of this.operation().execute()) {
          if (this.closing) break;
          results += 1;
          this.status.count();
          send(result.status === "success" ? messages.success(result.document) : messages.error(result.error.details ?? {}, result.error));
        }
      }
      if (results === 0 && !this.closing) this.status.connected();
      done?.();
    } catch (error) {
      if (this.closing) return done?.();
      this.status.failed(error);
      if (done !== undefined) done(error as Error);
      else this.node.error(error, { payload: undefined });
    }
  }
}
