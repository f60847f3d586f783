import assert from "node:assert/strict";
import { ConnectorError } from "../../core/errors.js";
import type { SentMessage } from "../../core/generated/send.output.js";
import type { ReceivedMessage } from "../../core/generated/receive.output.js";
import { collect, errorCodes, successes, useEmbeddedSqs } from "../support/embeddedSqs.js";

describe("send (embedded SQS)", () => {
  const env = useEmbeddedSqs();

  async function drain(queueName: string, max = 10_000): Promise<ReceivedMessage[]> {
    const connection = env.connect();
    // FIFO groups stay locked until their messages are deleted: long-poll so the
    // next receive waits for the deletion instead of ending the run empty.
    const waitTimeSeconds = queueName.endsWith(".fifo") ? 1 : 0;
    const receive = connection.operation("receive", {
      queueName,
      maxMessages: max,
      waitTimeSeconds,
      deleteAfterReceive: true,
      attributeNames: ["All"],
    });
    return successes(await collect<ReceivedMessage>(receive.execute()));
  }

  it("sends every document to a standard queue and returns its message id and body MD5", async () => {
    const queue = await env.queue("plain");
    const docs = Array.from({ length: 57 }, (_, i) => ({ body: { reading: i } }));
    const results = await collect<SentMessage>(env.connect().operation("send", { queueUrl: queue.url }).execute(docs));
    assert.equal(results.length, 57);
    assert.deepEqual(
      results.map((r) => r.index),
      docs.map((_, i) => i),
    );
    for (const result of results) {
      assert.equal(result.status, "success");
      assert.match(result.document.messageId, /^[0-9a-f-]{36}$/);
      assert.equal(result.document.sequenceNumber, undefined);
    }
    assert.equal(await env.depth(queue.url), 57);
    const bodies = (await drain(queue.name))
      .map((m) => (JSON.parse(m.body as string) as { reading: number }).reading)
      .sort((a, b) => a - b);
    assert.deepEqual(
      bodies,
      docs.map((_, i) => i),
    );
  });

  it("refuses a deduplication id pointer for a standard queue before sending, as it refuses a document's deduplication id", async () => {
    const queue = await env.queue("no-dedup");
    const connection = env.connect();
    await assert.rejects(
      collect(
        connection.operation("send", { queueUrl: queue.url, messageDeduplicationIdPointer: "/key" }).execute([{ body: { key: "k1" } }]),
      ),
      (error: unknown) =>
        error instanceof ConnectorError && error.code === "DEDUPLICATION_ID_NOT_ALLOWED" && error.field === "messageDeduplicationIdPointer",
    );
    const [result] = await collect(
      connection.operation("send", { queueUrl: queue.url }).execute([{ body: "x", messageDeduplicationId: "k1" }]),
    );
    assert.equal(result!.status === "error" && result!.error.code, "DEDUPLICATION_ID_NOT_ALLOWED");
    assert.equal(await env.depth(queue.url), 0);
  });

  it("keeps per-group order on a FIFO queue with 50 groups and 8 batches in flight", async () => {
    const queue = await env.queue("ordered.fifo");
    const docs = Array.from({ length: 1000 }, (_, i) => ({ body: { group: `g${i % 50}`, seq: Math.floor(i / 50) } }));
    const send = env
      .connect()
      .operation("send", { queueName: queue.name, messageGroupIdPointer: "/group", deduplication: "unique", concurrency: 8 });
    const results = await collect<SentMessage>(send.execute(docs));
    assert.deepEqual(errorCodes(results).filter(Boolean), []);
    // Sequence numbers grow in send order within each group.
    const lastSequence = new Map<string, bigint>();
    results.forEach((result, i) => {
      assert.equal(result.status, "success");
      const group = docs[i]!.body.group;
      const sequence = BigInt(result.document.sequenceNumber!);
      assert.ok(sequence > (lastSequence.get(group) ?? -1n), `group ${group} out of order at document ${i}`);
      lastSequence.set(group, sequence);
    });
  });

  it("drops repeats of a record key taken from the body, and says which messages they were", async () => {
    const queue = await env.queue("dedup.fifo");
    const docs = ["a", "b", "a", "c", "b", "a"].map((key, i) => ({ body: { recordKey: key, attempt: i } }));
    const results = await collect<SentMessage>(
      env
        .connect()
        .operation("send", { queueName: queue.name, messageGroupId: "sensors", messageDeduplicationIdPointer: "/recordKey" })
        .execute(docs),
    );
    const ids = successes(results).map((d) => d.messageId);
    assert.equal(ids.length, 6);
    assert.equal(new Set(ids).size, 3);
    assert.equal(ids[2], ids[0]);
    assert.equal(ids[4], ids[1]);
    const received = await drain(queue.name);
    assert.deepEqual(
      received.map((m) => (JSON.parse(m.body as string) as { recordKey: string }).recordKey),
      ["a", "b", "c"],
    );
    assert.deepEqual(
      received.map((m) => m.attributes.MessageDeduplicationId),
      ["a", "b", "c"],
    );
  });

  const dedupCases = [
    { deduplication: "auto", contentBased: false, sentIdentical: 3, expectKept: 1 },
    { deduplication: "auto", contentBased: true, sentIdentical: 3, expectKept: 1 },
    { deduplication: "unique", contentBased: false, sentIdentical: 3, expectKept: 3 },
    { deduplication: "contentBased", contentBased: true, sentIdentical: 3, expectKept: 1 },
  ];
  for (const c of dedupCases) {
    it(`deduplication "${c.deduplication}" on a queue with content-based deduplication ${c.contentBased ? "on" : "off"} keeps ${c.expectKept} of ${c.sentIdentical} identical bodies`, async () => {
      const queue = await env.queue("modes.fifo", c.contentBased ? { ContentBasedDeduplication: "true" } : {});
      const docs = Array.from({ length: c.sentIdentical }, () => ({ body: "same reading" }));
      const results = await collect(
        env.connect().operation("send", { queueUrl: queue.url, messageGroupId: "g", deduplication: c.deduplication }).execute(docs),
      );
      assert.deepEqual(
        errorCodes(results),
        docs.map(() => undefined),
      );
      assert.equal((await drain(queue.name)).length, c.expectKept);
    });
  }

  it("refuses documents FIFO rules forbid, one result each, and still sends the good ones", async () => {
    const queue = await env.queue("rules.fifo");
    const docs = [
      { body: "ok", messageGroupId: "g" },
      { body: "no group" },
      { body: "delayed", messageGroupId: "g", delaySeconds: 5 },
      { body: "x", messageGroupId: "g".repeat(129) },
      { body: "ok too", messageGroupId: "g" },
    ];
    const results = await collect(env.connect().operation("send", { queueUrl: queue.url, deduplication: "unique" }).execute(docs));
    assert.deepEqual(errorCodes(results), [
      undefined,
      "MESSAGE_GROUP_ID_REQUIRED",
      "DELAY_NOT_ALLOWED_ON_FIFO",
      "MESSAGE_GROUP_ID_INVALID",
      undefined,
    ]);
    assert.equal(await env.depth(queue.url), 2);
  });

  it("checks size against the queue's own MaximumMessageSize, counting attributes", async () => {
    const queue = await env.queue("small", { MaximumMessageSize: "1024" });
    const attributes = { unit: { DataType: "String", StringValue: "x".repeat(100) } };
    const docs = [
      { body: "x".repeat(1024) },
      { body: "x".repeat(1000), messageAttributes: attributes },
      { body: "x".repeat(900), messageAttributes: attributes },
    ];
    const results = await collect(env.connect().operation("send", { queueUrl: queue.url }).execute(docs));
    assert.deepEqual(errorCodes(results), [undefined, "MESSAGE_TOO_LARGE", undefined]);
    const tooLarge = results[1]!;
    assert.ok(tooLarge.status === "error" && /1110 bytes.*at most 1024/.test(tooLarge.error.message), JSON.stringify(tooLarge));
  });

  it("splits batches by bytes so large messages never exceed the batch limit", async () => {
    const queue = await env.queue("large");
    const docs = Array.from({ length: 12 }, (_, i) => ({ body: String(i % 10).repeat(300 * 1024) }));
    const results = await collect(env.connect().operation("send", { queueUrl: queue.url }).execute(docs));
    assert.deepEqual(
      errorCodes(results),
      docs.map(() => undefined),
    );
    assert.equal(await env.depth(queue.url), 12);
  });

  it("round-trips String, Number and Binary attributes", async () => {
    const queue = await env.queue("attrs");
    const messageAttributes = {
      unit: { DataType: "String", StringValue: "°C" },
      reading: { DataType: "Number", StringValue: "-12.5" },
      "raw.frame": { DataType: "Binary", BinaryValue: Buffer.from([0, 1, 2, 255]).toString("base64") },
      source: { DataType: "String.gateway", StringValue: "gw-7" },
    };
    const sent = (
      await collect<SentMessage>(
        env
          .connect()
          .operation("send", { queueUrl: queue.url })
          .execute([{ body: "with attributes", messageAttributes }]),
      )
    )[0]!;
    assert.ok(sent.status === "success");
    assert.match(sent.document.md5OfMessageAttributes ?? "", /^[0-9a-f]{32}$/);
    const [message] = await drain(queue.name);
    assert.deepEqual(message!.messageAttributes, messageAttributes);
  });

  it("sends a batch as soon as the linger time passes, without waiting for a full batch", async () => {
    const queue = await env.queue("linger");
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let sentBeforeRelease = -1;
    async function* slowInput() {
      yield { body: "first" };
      yield { body: "second" };
      // The input pauses; the two documents must still be delivered.
      await gate;
      yield { body: "third" };
    }
    const results: unknown[] = [];
    const run = (async () => {
      for await (const result of env.connect().operation("send", { queueUrl: queue.url, lingerMs: 5 }).execute(slowInput()))
        results.push(result);
    })();
    while (results.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    sentBeforeRelease = await env.depth(queue.url);
    release();
    await run;
    assert.equal(sentBeforeRelease, 2);
    assert.equal(results.length, 3);
  });
});
