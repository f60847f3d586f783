import type { NodeAPI, NodeMessageInFlow } from "node-red";
import type { Operation, OperationResult } from "../../connector/index.js";
import type { ActivityStatus } from "./activityStatus.js";
import { DocumentFeed } from "./documentFeed.js";
import { ResultMessages, type DoneFunction, type SendFunction } from "./resultMessages.js";

/** One input message whose documents are in flight. */
interface Delivery {
  messages: ResultMessages;
  send: SendFunction;
  done: DoneFunction;
  remaining: number;
  settled: boolean;
}

/** A document in flight, by its index in the running execute(). */
interface InFlight {
  delivery: Delivery;
  document: unknown;
}

/**
 * Runs a sink operation (send, delete) for a flow node: the documents of every
 * input message go into one running `execute()`, so messages arriving close
 * together share batches, and each result goes back out as a message tied to
 * the message it came from. A message is done when all its documents have a
 * result. When the operation fails as a whole, every message still waiting
 * gets the error through `done(err)` (Catch nodes see it) and the next message
 * starts a fresh run.
 */
export class SinkStream {
  private feed: DocumentFeed<unknown> | undefined;
  private inFlight = new Map<number, InFlight>();
  private nextIndex = 0;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly RED: NodeAPI,
    private readonly operation: () => Operation,
    private readonly status: ActivityStatus,
  ) {}

  accept(msg: NodeMessageInFlow, send: SendFunction, done: DoneFunction): void {
    const documents = Array.isArray(msg.payload) ? (msg.payload as unknown[]) : [msg.payload];
    if (documents.length === 0) return done();
    let feed: DocumentFeed<unknown>;
    try {
      feed = this.feed ?? this.start();
    } catch (error) {
      this.status.failed(error);
      return done(error as Error);
    }
    const delivery: Delivery = {
      messages: new ResultMessages(this.RED, msg, documents.length),
      send,
      done,
      remaining: documents.length,
      settled: false,
    };
    for (const document of documents) {
      this.inFlight.set(this.nextIndex++, { delivery, document });
      feed.push(document);
    }
  }

  /** Lets the running operation finish the documents it has, then resolves. */
  end(): Promise<void> {
    this.feed?.close();
    this.feed = undefined;
    return this.running;
  }

  private start(): DocumentFeed<unknown> {
    const operation = this.operation();
    const feed = new DocumentFeed<unknown>();
    const inFlight = new Map<number, InFlight>();
    this.feed = feed;
    this.inFlight = inFlight;
    this.nextIndex = 0;
    this.running = this.consume(operation.execute(feed), inFlight, feed);
    return feed;
  }

  private async consume(
    results: AsyncIterable<OperationResult>,
    inFlight: Map<number, InFlight>,
    feed: DocumentFeed<unknown>,
  ): Promise<void> {
    try {
      for await (const result of results) {
        const entry = inFlight.get(result.index);
        if (entry === undefined) continue;
        inFlight.delete(result.index);
        this.status.count();
        const { delivery } = entry;
        delivery.send(
          result.status === "success" ? delivery.messages.success(result.document) : delivery.messages.error(entry.document, result.error),
        );
        if (--delivery.remaining === 0 && !delivery.settled) {
          delivery.settled = true;
          delivery.done();
        }
      }
    } catch (error) {
      this.status.failed(error);
      for (const { delivery } of inFlight.values()) {
        if (delivery.settled) continue;
        delivery.settled = true;
        delivery.done(error as Error);
      }
      inFlight.clear();
    } finally {
      if (this.feed === feed) this.feed = undefined;
    }
  }
}
