import type { Node, NodeStatus } from "node-red";

const RATE_WINDOW_MS = 1000;
const MAX_STATUS_TEXT = 60;

/**
 * The status shown under a flow node: "ready" before its first call,
 * "<verb> n/s" while results arrive, "connected" once they stop, and the
 * error code and message after a failure. The rate is counted per second on a
 * timer that runs only while there is activity.
 */
export class ActivityStatus {
  private counted = 0;
  private timer: NodeJS.Timeout | undefined;
  private shown = "";

  constructor(
    private readonly node: Node,
    private readonly verb: string,
  ) {
    this.show({ fill: "grey", shape: "ring", text: "ready" });
  }

  /** One more result; the first one after a quiet spell starts the rate display. */
  count(): void {
    this.counted += 1;
    if (this.timer !== undefined) return;
    this.show({ fill: "blue", shape: "dot", text: this.verb });
    this.timer = setInterval(() => this.tick(), RATE_WINDOW_MS);
  }

  /** A call finished without results (an empty poll): the connection works. */
  connected(): void {
    if (this.timer === undefined) this.show({ fill: "green", shape: "dot", text: "connected" });
  }

  /** A listener: how many messages it holds in the flow, of how many it may. */
  holding(count: number, limit: number): void {
    this.show(
      count === 0
        ? { fill: "green", shape: "dot", text: "listening" }
        : { fill: "blue", shape: "dot", text: `${count}/${limit} in flight` },
    );
  }

  failed(error: unknown): void {
    this.stop();
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    const text = typeof code === "string" ? `${code}: ${message}` : message;
    this.show({ fill: "red", shape: "ring", text: text.length > MAX_STATUS_TEXT ? `${text.slice(0, MAX_STATUS_TEXT - 1)}…` : text });
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Sends a status only when it differs from the one shown (each update travels to every open editor). */
  private show(status: NodeStatus): void {
    const key = JSON.stringify(status);
    if (key === this.shown) return;
    this.shown = key;
    this.node.status(status);
  }

  private tick(): void {
    const perSecond = Math.round((this.counted * 1000) / RATE_WINDOW_MS);
    this.counted = 0;
    if (perSecond > 0) {
      this.show({ fill: "blue", shape: "dot", text: `${this.verb} ${perSecond}/s` });
      return;
    }
    this.stop();
    this.connected();
  }
}

/** "send" -> "sending", "receive" -> "receiving": what the status says while results arrive. */
export function activityVerb(operationId: string): string {
  // The id's first word is the verb: send, receive, delete, put(Records).
  const verb = /^[a-z]+/.exec(operationId)?.[0] ?? operationId;
  if (verb.endsWith("e")) return `${verb.slice(0, -1)}ing`;
  // A short verb ending in vowel + consonant doubles it: put -> putting.
  return /^[^aeiou]*[aeiou][bdgmnprt]$/.test(verb) ? `${verb}${verb.slice(-1)}ing` : `${verb}ing`;
}
