import assert from "node:assert/strict";
import type { OperationResult } from "../../core/types.js";
import type { ListenDocument } from "../../operations/listen/listenTypes.js";
import { RetryLater } from "../../operations/listen/listenTypes.js";
import { collect, useEmbeddedSqs } from "../support/embeddedSqs.js";
import { codes, drainMessages, eventually, factsOf, seed, type Seed } from "../support/listening.js";

/** Poison messages, dead-letter moves, FIFO order, the batch form and settlements made elsewhere (embedded SQS). */
describe("listen: poison, FIFO, batches, settling elsewhere (embedded SQS)", function () {
  this.timeout(30_000);
  const env = useEmbeddedSqs();

  const attributes: Seed["attributes"] = {
    tenant: { DataType: "String", StringValue: "acme" },
    reading: { DataType: "Number", StringValue: "21.5" },
    raw: { DataType: "Binary", BinaryValue: Buffer.from([0, 1, 2, 255]) },
  };

  it("moves a poison message to the dead-letter queue with its body and attributes intact, then deletes it", async () => {
    const queue = await env.queue("poison");
    const deadLetter = await env.queue("poison-dlq");
    const body = '{"deviceId":"gh-1","t":21.5}  trailing spaces kept  ';
    const [messageId] = await seed(env, queue.url, [{ body, attributes }]);
    const results: OperationResult[] = [];
    const listener = env.connect().listen(
      {
        queueUrl: queue.url,
        visibilityTimeout: 5,
        waitTimeSeconds: 1,
        backoffBaseSeconds: 0,
        maxReceives: 2,
        deadLetterQueueName: deadLetter.name,
      },
      () => Promise.reject(new Error("cannot parse")),
      { onSettled: (result) => results.push(result), maxSettlements: 3 },
    );
    const summary = await listener.summary;
    assert.deepEqual(codes(results), ["HANDLER_FAILED", "HANDLER_FAILED", "MESSAGE_POISONED"]);
    assert.equal(factsOf(results[2]!)["deadLetterQueueUrl"], deadLetter.url);
    assert.equal(summary.deadLettered, 1);
    assert.equal(summary.unacknowledged, 1);
    assert.equal(await env.depth(queue.url), 0, "deleted from the source queue");
    const [moved, ...others] = await drainMessages(env, deadLetter.url);
    assert.equal(others.length, 0);
    assert.equal(moved!.Body, body);
    assert.equal(moved!.MessageId, factsOf(results[2]!)["deadLetterMessageId"]);
    const { DeadLetterReason, DeadLetterSourceQueueUrl, DeadLetterSourceMessageId, DeadLetterReceiveCount, ...original } =
      moved!.MessageAttributes!;
    assert.deepEqual(original, {
      tenant: { DataType: "String", StringValue: "acme" },
      reading: { DataType: "Number", StringValue: "21.5" },
      raw: { DataType: "Binary", BinaryValue: new Uint8Array([0, 1, 2, 255]) },
    });
    assert.match(DeadLetterReason!.StringValue!, /received 3 times, more than maxReceives 2/);
    assert.equal(DeadLetterSourceQueueUrl!.StringValue, queue.url);
    assert.equal(DeadLetterSourceMessageId!.StringValue, messageId);
    assert.equal(DeadLetterReceiveCount!.StringValue, "3");
  });

  it("treats a body that does not decode as a failure (backoff), and moves it as it was sent once it is poison", async () => {
    const queue = await env.queue("undecodable");
    const deadLetter = await env.queue("undecodable-dlq");
    await seed(env, queue.url, ["{not json"]);
    const results: OperationResult[] = [];
    const listener = env.connect().listen(
      {
        queueUrl: queue.url,
        waitTimeSeconds: 1,
        bodyEncoding: "json",
        backoffBaseSeconds: 0,
        maxReceives: 1,
        deadLetterQueueUrl: deadLetter.url,
      },
      () => assert.fail("a body that does not decode is never handed over"),
      { onSettled: (result) => results.push(result), maxSettlements: 2 },
    );
    await listener.summary;
    assert.deepEqual(codes(results), ["BODY_DECODE_FAILED", "MESSAGE_POISONED"]);
    assert.match(results[0]!.status === "error" ? results[0]!.error.message : "", /the body is not JSON .*; it is visible again in 0 s/);
    const [moved] = await drainMessages(env, deadLetter.url);
    assert.equal(moved!.Body, "{not json");
  });

  /** Fails the one message on the queue until it is poison (maxReceives 1), and returns what reached the dead-letter queue. */
  const poisonedInto = async (queueUrl: string, deadLetterQueueUrl: string) => {
    const listener = env
      .connect()
      .listen(
        { queueUrl, waitTimeSeconds: 1, maxReceives: 1, deadLetterQueueUrl, backoffBaseSeconds: 0 },
        () => Promise.reject(new Error("no")),
        { maxSettlements: 2 },
      );
    await listener.summary;
    const [moved] = await drainMessages(env, deadLetterQueueUrl);
    return moved;
  };

  it("adds only as many why-and-where attributes as SQS's 10-attribute limit leaves room for", async () => {
    const queue = await env.queue("crowded");
    const deadLetter = await env.queue("crowded-dlq");
    const nine = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`a${i}`, { DataType: "String", StringValue: `v${i}` }]));
    await seed(env, queue.url, [{ body: "x", attributes: nine }]);
    const moved = await poisonedInto(queue.url, deadLetter.url);
    assert.deepEqual(Object.keys(moved!.MessageAttributes!).sort(), [...Object.keys(nine), "DeadLetterReason"].sort());
  });

  it("gives a FIFO dead-letter queue the original message group and the source message id as deduplication id", async () => {
    const queue = await env.queue("poison.fifo");
    const deadLetter = await env.queue("poison-dlq.fifo");
    const [messageId] = await seed(env, queue.url, [{ body: "bad", groupId: "device-7" }]);
    const moved = await poisonedInto(queue.url, deadLetter.url);
    assert.equal(moved!.Attributes!.MessageGroupId, "device-7");
    assert.equal(moved!.Attributes!.MessageDeduplicationId, messageId);
  });

  it("without a dead-letter queue reports MESSAGE_POISONED and leaves the message to the queue's redrive policy", async () => {
    const redriveTarget = await env.queue("redrive-dlq");
    const arn = await env.attribute(redriveTarget.url, "QueueArn");
    const queue = await env.queue("redrive", { RedrivePolicy: JSON.stringify({ maxReceiveCount: 2, deadLetterTargetArn: arn }) });
    await seed(env, queue.url, ["bad"]);
    const results: OperationResult[] = [];
    const listener = env
      .connect()
      .listen({ queueUrl: queue.url, waitTimeSeconds: 1, maxReceives: 1, backoffBaseSeconds: 0 }, () => Promise.reject(new Error("no")), {
        onSettled: (result) => results.push(result),
      });
    await eventually(async () => (await env.depth(redriveTarget.url)) === 1);
    await listener.stop();
    assert.deepEqual(codes(results), ["HANDLER_FAILED", "MESSAGE_POISONED"]);
    assert.match(results[1]!.status === "error" ? results[1]!.error.message : "", /left to the queue's redrive policy/);
    assert.equal(await env.depth(queue.url), 0, "the queue's redrive policy moved it on its next receive");
  });

  it("keeps each FIFO group's order when messages fail and are retried", async () => {
    const queue = await env.queue("order.fifo");
    const groups = ["g0", "g1", "g2"];
    await seed(
      env,
      queue.url,
      Array.from({ length: 18 }, (_, i) => ({
        groupId: groups[i % 3]!,
        body: JSON.stringify({ group: groups[i % 3], seq: Math.floor(i / 3) }),
      })),
    );
    const handled = new Map<string, number[]>(groups.map((g) => [g, []]));
    const acknowledged = new Map<string, number[]>(groups.map((g) => [g, []]));
    const listener = env.connect().listen(
      { queueUrl: queue.url, maxInFlight: 6, visibilityTimeout: 5, waitTimeSeconds: 1, backoffBaseSeconds: 0, bodyEncoding: "json" },
      async (document: ListenDocument, context) => {
        const { group, seq } = document.body as { group: string; seq: number };
        handled.get(group)!.push(seq);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
        // Messages 1 and 4 of every group fail on their first delivery.
        if ((seq === 1 || seq === 4) && context.receiveCount === 1) throw new RetryLater("try again", 0);
        acknowledged.get(group)!.push(seq);
      },
      { maxSettlements: 24 },
    );
    await listener.summary;
    for (const group of groups) {
      assert.deepEqual(acknowledged.get(group), [0, 1, 2, 3, 4, 5], `${group} acknowledged in order`);
      assert.deepEqual(handled.get(group), [0, 1, 1, 2, 3, 4, 4, 5], `${group}: a failed message is retried before the next one`);
    }
  });

  it("takes a batch handler's per-message outcomes (ReportBatchItemFailures): failed items come back, the rest are deleted", async () => {
    const queue = await env.queue("batch");
    await seed(
      env,
      queue.url,
      Array.from({ length: 10 }, (_, i) => String(i)),
    );
    const results: OperationResult[] = [];
    const batches: number[] = [];
    const listener = env.connect().listen(
      { queueUrl: queue.url, maxInFlight: 10, waitTimeSeconds: 1, backoffBaseSeconds: 0 },
      {
        batch: (documents) => {
          batches.push(documents.length);
          const failed = documents.filter((d) => Number(d.body) % 2 === 1 && d.attributes["ApproximateReceiveCount"] === "1");
          return { batchItemFailures: failed.map((d) => ({ itemIdentifier: d.messageId })) };
        },
      },
      { onSettled: (result) => results.push(result), maxSettlements: 15 },
    );
    const summary = await listener.summary;
    assert.equal(summary.acknowledged, 10);
    assert.equal(summary.failed, 5);
    assert.equal(codes(results).filter((c) => c === "HANDLER_FAILED").length, 5);
    assert.ok(
      batches.some((size) => size > 1),
      "messages arrive in batches",
    );
    assert.equal(await env.depth(queue.url), 0);
  });

  it("lets a delete or changeVisibility operation settle a message the listener holds: the slot frees and the handler is told", async () => {
    const queue = await env.queue("elsewhere");
    await seed(env, queue.url, ["ack me elsewhere", "release me elsewhere"]);
    const connection = env.connect();
    const handed: ListenDocument[] = [];
    const reasons: string[] = [];
    const listener = connection.listen(
      { queueUrl: queue.url, maxInFlight: 2, visibilityTimeout: 2, waitTimeSeconds: 1 },
      (document, context) =>
        new Promise<void>((resolve) => {
          handed.push(document);
          context.signal.addEventListener("abort", () => {
            reasons.push(String((context.signal.reason as Error).message));
            resolve();
          });
        }),
    );
    await eventually(() => handed.length === 2);
    const ack = handed.find((d) => d.body === "ack me elsewhere")!;
    const release = handed.find((d) => d.body === "release me elsewhere")!;
    const deleted = await collect(connection.operation("delete").execute([ack]));
    const released = await collect(connection.operation("changeVisibility", { visibilityTimeout: 0 }).execute([release]));
    assert.deepEqual(codes([...deleted, ...released]), ["ok", "ok"]);
    // The released message comes back: the listener takes it again.
    await eventually(() => handed.length === 3);
    assert.equal(handed[2]!.messageId, release.messageId);
    assert.equal(handed[2]!.attributes["ApproximateReceiveCount"], "2");
    const summary = await listener.stop({ drainSeconds: 0 });
    assert.equal(summary.settledElsewhere, 2);
    assert.deepEqual(reasons.slice(0, 2).sort(), ["The message was deleted elsewhere.", "The message was released elsewhere."]);
    assert.deepEqual(await env.counts(queue.url), { visible: 1, inFlight: 0 });
  });
});
