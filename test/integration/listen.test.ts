import assert from "node:assert/strict";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import type { ListenDocument } from "../../operations/listen/listenTypes.js";
import { RetryLater } from "../../operations/listen/listenTypes.js";
import type { OperationResult } from "../../core/types.js";
import { useEmbeddedSqs } from "../support/embeddedSqs.js";
import { codes, eventually, factsOf, seed } from "../support/listening.js";

/*
 * The listener against the embedded SQS, which implements visibility timeouts,
 * ChangeMessageVisibility(Batch), ApproximateReceiveCount and redrive policies.
 * Visibility timeouts are 1-2 s so the heartbeat has work to do in a short test;
 * nothing here asserts a duration.
 */
describe("listen (embedded SQS, in-process)", function () {
  this.timeout(30_000);
  const env = useEmbeddedSqs();

  it("keeps a message hidden while a handler slower than three visibility timeouts runs: each message is handled once", async () => {
    const queue = await env.queue("slow");
    const ids = await seed(env, queue.url, ["a", "b", "c"]);
    const calls = new Map<string, number>();
    const results: OperationResult[] = [];
    const listener = env.connect().listen(
      { queueUrl: queue.url, visibilityTimeout: 2, waitTimeSeconds: 1, maxInFlight: 3 },
      async (document: ListenDocument) => {
        calls.set(document.messageId, (calls.get(document.messageId) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 6_500));
      },
      { onSettled: (result) => results.push(result), maxSettlements: 3 },
    );
    const summary = await listener.summary;
    assert.deepEqual([...calls.entries()].sort(), ids.map((id) => [id, 1]).sort(), "no message was delivered a second time");
    assert.deepEqual(codes(results), ["ok", "ok", "ok"]);
    assert.equal(summary.acknowledged, 3);
    assert.equal(await env.depth(queue.url), 0);
  });

  it("brings a failed message back after its backoff, not after the visibility timeout, with backoff doubling up to backoffMaxSeconds", async () => {
    const queue = await env.queue("backoff");
    await seed(env, queue.url, ["flaky"]);
    const results: OperationResult[] = [];
    // A 60 s visibility timeout: the retries inside this test's 30 s can only come from the backoff.
    const listener = env.connect().listen(
      { queueUrl: queue.url, visibilityTimeout: 60, waitTimeSeconds: 1, backoffBaseSeconds: 1, backoffMaxSeconds: 2 },
      (_document, context) => {
        if (context.receiveCount <= 3) throw new Error(`attempt ${context.receiveCount} failed`);
      },
      { onSettled: (result) => results.push(result), maxSettlements: 4 },
    );
    const summary = await listener.summary;
    assert.deepEqual(codes(results), ["HANDLER_FAILED", "HANDLER_FAILED", "HANDLER_FAILED", "ok"]);
    assert.deepEqual(
      results.slice(0, 3).map((r) => factsOf(r)["visibleAgainInSeconds"]),
      [1, 2, 2],
      "min(base x 2^(receiveCount-1), max)",
    );
    assert.match(
      results[0]!.status === "error" ? results[0]!.error.message : "",
      /the handler failed: attempt 1 failed; it is visible again in 1 s/,
    );
    assert.deepEqual(
      results.map((r) => factsOf(r)["receiveCount"]),
      [1, 2, 3, 4],
    );
    assert.equal(summary.unacknowledged, 0, "a failure followed by a successful retry counts as acknowledged");
  });

  it("uses the handler's retryAfterSeconds instead of the backoff", async () => {
    const queue = await env.queue("retry-after");
    await seed(env, queue.url, ["later"]);
    const results: OperationResult[] = [];
    const listener = env.connect().listen(
      { queueUrl: queue.url, visibilityTimeout: 60, waitTimeSeconds: 1, backoffBaseSeconds: 600 },
      (_document, context) => {
        if (context.receiveCount === 1) throw new RetryLater("not yet", 0);
      },
      { onSettled: (result) => results.push(result), maxSettlements: 2 },
    );
    await listener.summary;
    assert.deepEqual(codes(results), ["HANDLER_FAILED", "ok"]);
    assert.equal(factsOf(results[0]!)["visibleAgainInSeconds"], 0);
  });

  it("never runs more handlers at once than maxInFlight, and never holds more messages", async () => {
    const queue = await env.queue("bounded");
    await seed(
      env,
      queue.url,
      Array.from({ length: 40 }, (_, i) => `m${i}`),
    );
    let running = 0;
    let mostRunning = 0;
    let mostHeld = 0;
    const listener = env.connect().listen(
      { queueUrl: queue.url, maxInFlight: 4, visibilityTimeout: 5, waitTimeSeconds: 1 },
      async () => {
        running += 1;
        mostRunning = Math.max(mostRunning, running);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 30));
        running -= 1;
      },
      { maxSettlements: 40, onInFlightChange: (held) => (mostHeld = Math.max(mostHeld, held)) },
    );
    const summary = await listener.summary;
    assert.equal(summary.acknowledged, 40);
    assert.ok(mostRunning <= 4, `${mostRunning} handlers ran at once`);
    assert.ok(mostHeld <= 4, `${mostHeld} messages were held at once`);
    assert.equal(await env.depth(queue.url), 0);
  });

  it("leaves no message invisible after a stop mid-run: running handlers are cut off after the drain time and their messages released", async () => {
    const queue = await env.queue("stop");
    await seed(
      env,
      queue.url,
      Array.from({ length: 12 }, (_, i) => `m${i}`),
    );
    const results: OperationResult[] = [];
    const aborted: string[] = [];
    let started = 0;
    const listener = env.connect().listen(
      { queueUrl: queue.url, maxInFlight: 4, visibilityTimeout: 30, waitTimeSeconds: 1 },
      (_document, context) =>
        new Promise<void>((resolve) => {
          started += 1;
          // A handler that only ends when the listener gives up on it.
          context.signal.addEventListener("abort", () => {
            aborted.push(String((context.signal.reason as Error).message));
            resolve();
          });
        }),
      { onSettled: (result) => results.push(result) },
    );
    await eventually(() => started === 4);
    const summary = await listener.stop({ drainSeconds: 0 });
    assert.deepEqual(codes(results), ["ABORTED", "ABORTED", "ABORTED", "ABORTED"]);
    assert.equal(summary.aborted, 4);
    assert.equal(aborted.length, 4);
    assert.match(aborted[0]!, /drain time ended/);
    assert.deepEqual(await env.counts(queue.url), { visible: 12, inFlight: 0 });
  });

  // A handler that fails and a stop at once that lands next to it, in either order (a worker that dies fails
  // its messages and stops the listener in one go): each message is released or retried after its backoff
  // (0 here), never left hidden for its visibility timeout.
  const stopBeside: Array<[string, (stop: () => void) => void]> = [
    ["just before the failure", (stop) => stop()],
    ["a microtask after it", (stop) => queueMicrotask(stop)],
    ["a few microtasks after it", (stop) => void Promise.resolve().then().then().then(stop)],
    ["an event-loop turn after it", (stop) => setImmediate(stop)],
  ];
  for (const [when, schedule] of stopBeside) {
    it(`leaves no message hidden when a stop lands ${when} of a handler failure`, async () => {
      const queue = await env.queue("stop-beside-failure");
      await seed(env, queue.url, ["a", "b", "c"]);
      const results: OperationResult[] = [];
      let started = 0;
      let failNow: () => void = () => {};
      const failing = new Promise<void>((resolve) => (failNow = resolve));
      const listener = env.connect().listen(
        { queueUrl: queue.url, maxInFlight: 3, visibilityTimeout: 30, waitTimeSeconds: 1, backoffBaseSeconds: 0 },
        async () => {
          started += 1;
          await failing;
          throw new Error("the worker died");
        },
        { onSettled: (result) => results.push(result) },
      );
      await eventually(() => started === 3);
      failNow();
      schedule(() => void listener.stop({ drainSeconds: 0 }));
      const summary = await listener.summary;
      assert.equal(results.length, 3, JSON.stringify(results));
      assert.ok(
        codes(results).every((code) => code === "HANDLER_FAILED" || code === "ABORTED"),
        JSON.stringify(codes(results)),
      );
      assert.equal(summary.unacknowledged, 3);
      assert.deepEqual(await env.counts(queue.url), { visible: 3, inFlight: 0 });
    });
  }

  it("lets a second stop shorten the drain (a second Ctrl-C): what still runs is released at once", async () => {
    const queue = await env.queue("second-stop");
    await seed(env, queue.url, ["a", "b"]);
    let started = 0;
    const listener = env.connect().listen(
      { queueUrl: queue.url, maxInFlight: 2, visibilityTimeout: 30, waitTimeSeconds: 1, drainSeconds: 600 },
      (_document, context) =>
        new Promise<void>((resolve) => {
          started += 1;
          context.signal.addEventListener("abort", () => resolve());
        }),
    );
    await eventually(() => started === 2);
    void listener.stop();
    const summary = await listener.stop({ drainSeconds: 0 });
    assert.equal(summary.aborted, 2);
    assert.deepEqual(await env.counts(queue.url), { visible: 2, inFlight: 0 });
  });

  it("lets running handlers finish within the drain time, then stops", async () => {
    const queue = await env.queue("drain");
    await seed(env, queue.url, ["a", "b"]);
    let started = 0;
    const listener = env
      .connect()
      .listen({ queueUrl: queue.url, maxInFlight: 2, visibilityTimeout: 30, waitTimeSeconds: 1, drainSeconds: 20 }, async () => {
        started += 1;
        await new Promise((resolve) => setTimeout(resolve, 300));
      });
    await eventually(() => started === 2);
    const summary = await listener.stop();
    assert.equal(summary.acknowledged, 2);
    assert.equal(summary.aborted, 0);
    assert.equal(await env.depth(queue.url), 0);
  });

  it("waits for a long poll in flight at a stop and releases what it brought", async () => {
    const queue = await env.queue("poll-at-stop");
    await seed(env, queue.url, ["first"]);
    let held = 0;
    const connection = env.connect();
    const listener = connection.listen(
      { queueUrl: queue.url, maxInFlight: 2, visibilityTimeout: 30, waitTimeSeconds: 5 },
      async () => {
        // The second slot's poll is now waiting on the empty queue; a message sent now goes to it, after the stop.
        await new Promise((resolve) => setTimeout(resolve, 500));
        await env.admin.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "arrives during the stop" }));
        void listener.stop();
      },
      { onInFlightChange: (count) => (held = Math.max(held, count)) },
    );
    const summary = await listener.summary;
    assert.equal(summary.acknowledged, 1);
    assert.deepEqual(await env.counts(queue.url), { visible: 1, inFlight: 0 }, "the message the last poll brought is visible again");
    assert.equal(held, 2, "the poll in flight did bring it");
  });

  it("reports VISIBILITY_LIMIT_REACHED for a handler that outlasts maxProcessingSeconds; the message is delivered again", async () => {
    const queue = await env.queue("limit");
    await seed(env, queue.url, ["long job"]);
    const results: OperationResult[] = [];
    const reasons: string[] = [];
    const listener = env.connect().listen(
      { queueUrl: queue.url, visibilityTimeout: 1, maxProcessingSeconds: 2, waitTimeSeconds: 1 },
      (_document, context) =>
        context.receiveCount > 1
          ? undefined
          : new Promise<void>((resolve) =>
              context.signal.addEventListener("abort", () => {
                reasons.push(String((context.signal.reason as Error).message));
                resolve();
              }),
            ),
      { onSettled: (result) => results.push(result), maxSettlements: 2 },
    );
    const summary = await listener.summary;
    assert.deepEqual(codes(results), ["VISIBILITY_LIMIT_REACHED", "ok"]);
    assert.match(reasons[0]!, /VISIBILITY_LIMIT_REACHED/);
    assert.equal(factsOf(results[1]!)["receiveCount"], 2);
    assert.equal(summary.expired, 1);
  });

  it("ends when its connection is closed under it", async () => {
    const queue = await env.queue("closed");
    const connection = env.connect();
    let polled = false;
    const listener = connection.listen({ queueUrl: queue.url, waitTimeSeconds: 1 }, () => {}, { onInFlightChange: () => (polled = true) });
    await seed(env, queue.url, ["one"]);
    await eventually(() => polled);
    connection.close();
    // Settles, one way or the other: a closed connection never leaves a listener polling.
    await listener.summary.then(
      () => undefined,
      () => undefined,
    );
  });

  it("stops when idle for idleSeconds with nothing in flight", async () => {
    const queue = await env.queue("idle");
    const summary = await env.connect().listen({ queueUrl: queue.url, waitTimeSeconds: 20 }, () => {}, { idleSeconds: 1 }).summary;
    assert.equal(summary.settlements, 0);
  });
});
