import assert from "node:assert/strict";
import { ConnectorError } from "../../core/errors.js";
import type { DeletedMessage } from "../../core/generated/delete.output.js";
import type { ReceivedMessage } from "../../core/generated/receive.output.js";
import { collect, errorCodes, successes, useEmbeddedSqs } from "../support/embeddedSqs.js";

describe("receive and delete (embedded SQS)", () => {
  const env = useEmbeddedSqs();

  async function seed(queueUrl: string, bodies: unknown[], config: Record<string, unknown> = {}): Promise<void> {
    const results = await collect(
      env
        .connect()
        .operation("send", { queueUrl, ...config })
        .execute(bodies.map((body) => ({ body }))),
    );
    assert.deepEqual(errorCodes(results).filter(Boolean), []);
  }

  it("receives more than 10 messages by looping, and leaves them on the queue (at-least-once)", async () => {
    const queue = await env.queue("loop");
    await seed(
      queue.url,
      Array.from({ length: 35 }, (_, i) => `m${i}`),
    );
    const received = await collect<ReceivedMessage>(
      env.connect().operation("receive", { queueUrl: queue.url, maxMessages: 25, waitTimeSeconds: 0, visibilityTimeout: 60 }).execute(),
    );
    assert.equal(received.length, 25);
    assert.deepEqual(
      received.map((r) => r.index),
      [...Array(25).keys()],
    );
    for (const document of successes(received)) {
      assert.equal(document.queueUrl, queue.url);
      assert.match(document.md5OfBody, /^[0-9a-f]{32}$/);
      assert.ok(document.receiptHandle.length > 0);
      assert.equal(document.attributes.ApproximateReceiveCount, "1");
    }
    assert.equal(await env.depth(queue.url), 35);
  });

  it("ends the run when a poll comes back empty", async () => {
    const queue = await env.queue("short");
    await seed(queue.url, ["only", "three", "messages"]);
    const received = await collect(
      env.connect().operation("receive", { queueUrl: queue.url, maxMessages: 100, waitTimeSeconds: 0 }).execute(),
    );
    assert.equal(received.length, 3);
  });

  it("decodes base64 bodies (as AWS IoT rules deliver them) and parses JSON bodies", async () => {
    const queue = await env.queue("iot");
    const payload = JSON.stringify({ deviceId: "sensor-9", t: 21.5, note: "grüße" });
    await seed(queue.url, [Buffer.from(payload).toString("base64")]);
    const [base64] = await collect<ReceivedMessage>(
      env
        .connect()
        .operation("receive", { queueUrl: queue.url, bodyEncoding: "base64", visibilityTimeout: 0, waitTimeSeconds: 0 })
        .execute(),
    );
    assert.ok(base64?.status === "success");
    assert.equal(base64.document.body, payload);

    const jsonQueue = await env.queue("json");
    await seed(jsonQueue.url, [{ deviceId: "sensor-9", t: 21.5 }, "not json"]);
    const parsed = await collect<ReceivedMessage>(
      env.connect().operation("receive", { queueUrl: jsonQueue.url, bodyEncoding: "json", waitTimeSeconds: 0 }).execute(),
    );
    assert.deepEqual(
      successes(parsed).map((d) => d.body),
      [{ deviceId: "sensor-9", t: 21.5 }],
    );
    const failure = parsed.find((r) => r.status === "error");
    assert.ok(failure?.status === "error");
    assert.equal(failure.error.code, "BODY_DECODE_FAILED");
    assert.equal(failure.error.field, "body");
    // The poison message can still be deleted: its receipt handle travels with the error.
    assert.equal(typeof failure.error.details?.["receiptHandle"], "string");
  });

  it("refuses a body that is not base64 when base64 is configured", async () => {
    const queue = await env.queue("notb64");
    await seed(queue.url, ["this is plain text!"]);
    const results = await collect(
      env.connect().operation("receive", { queueUrl: queue.url, bodyEncoding: "base64", waitTimeSeconds: 0 }).execute(),
    );
    assert.deepEqual(errorCodes(results), ["BODY_DECODE_FAILED"]);
  });

  it("gives a JSON body nested too deep to serialise again its own BODY_TOO_DEEP, with the receipt handle to delete it", async () => {
    const queue = await env.queue("deep");
    await seed(queue.url, [`${"[".repeat(5000)}${"]".repeat(5000)}`, '{"fine": [[1]]}']);
    const results = await collect(
      env.connect().operation("receive", { queueUrl: queue.url, bodyEncoding: "json", waitTimeSeconds: 0, maxMessages: 2 }).execute(),
    );
    assert.deepEqual(errorCodes(results).sort(), ["BODY_TOO_DEEP", undefined]);
    const deep = results.find((r) => r.status === "error");
    assert.ok(deep?.status === "error" && typeof deep.error.details?.["receiptHandle"] === "string");
    assert.match(deep.error.message, /nested more than 512 levels deep/);
  });

  it('receives a message attribute named "__proto__" (a valid SQS name) with its value, beside its neighbours', async () => {
    const queue = await env.queue("proto-attribute");
    // Parsed, so "__proto__" is an own key as NDJSON input makes it, not the object's prototype.
    const documents = JSON.parse(
      '[{"body":"s","messageAttributes":{"__proto__":{"DataType":"String","StringValue":"p"},"n":{"DataType":"Number","StringValue":"1"}}},' +
        '{"body":"b","messageAttributes":{"__proto__":{"DataType":"Binary","BinaryValue":"AAEC"}}},{"body":"plain"}]',
    ) as unknown[];
    assert.deepEqual(errorCodes(await collect(env.connect().operation("send", { queueUrl: queue.url }).execute(documents))), [
      undefined,
      undefined,
      undefined,
    ]);
    const received = successes(
      await collect<ReceivedMessage>(
        env
          .connect()
          .operation("receive", { queueUrl: queue.url, messageAttributeNames: ["All"], maxMessages: 3, waitTimeSeconds: 0 })
          .execute(),
      ),
    );
    const byBody = new Map(received.map((document) => [document.body, JSON.stringify(document.messageAttributes)]));
    assert.deepEqual(Object.fromEntries(byBody), {
      s: '{"__proto__":{"DataType":"String","StringValue":"p"},"n":{"DataType":"Number","StringValue":"1"}}',
      b: '{"__proto__":{"DataType":"Binary","BinaryValue":"AAEC"}}',
      plain: "{}",
    });
  });

  it("deletes what receive returned, taking each message's queue from the document", async () => {
    const queue = await env.queue("pipe");
    await seed(queue.url, ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"]);
    const connection = env.connect();
    const received = await collect<ReceivedMessage>(
      connection.operation("receive", { queueName: queue.name, maxMessages: 12, waitTimeSeconds: 0 }).execute(),
    );
    const deleted = await collect<DeletedMessage>(connection.operation("delete").execute(successes(received)));
    assert.equal(deleted.length, 12);
    for (const [i, result] of deleted.entries()) {
      assert.ok(result.status === "success");
      assert.equal(result.document.deleted, true);
      assert.equal(result.document.messageId, successes(received)[i]!.messageId);
    }
    assert.equal(await env.depth(queue.url), 0);
  });

  it("gives each delete document its own result: missing handle, no queue, good handle", async () => {
    const queue = await env.queue("mixed");
    await seed(queue.url, ["keep going"]);
    const connection = env.connect();
    const [message] = successes(
      await collect<ReceivedMessage>(connection.operation("receive", { queueUrl: queue.url, waitTimeSeconds: 0 }).execute()),
    );
    const results = await collect(
      connection
        .operation("delete")
        .execute([{ queueUrl: queue.url }, { receiptHandle: "x" }, { receiptHandle: message!.receiptHandle, queueUrl: queue.url }]),
    );
    assert.deepEqual(errorCodes(results), ["DOCUMENT_INVALID", "DOCUMENT_INVALID", undefined]);
    assert.equal(results[0]!.status === "error" && results[0]!.error.field, "receiptHandle");
    assert.equal(results[1]!.status === "error" && results[1]!.error.field, "queueUrl");
  });

  it("drains a FIFO queue with pollers racing for each unlocked group, deleting as it goes", async () => {
    const queue = await env.queue("racing.fifo");
    await seed(
      queue.url,
      Array.from({ length: 120 }, (_, i) => ({ device: `d${i % 6}`, i })),
      { messageGroupIdPointer: "/device", deduplication: "unique" },
    );
    const connection = env.connect();
    // Long polls woken by one deletion race each other; the losers come back empty early.
    const receive = connection.operation("receive", { queueUrl: queue.url, maxMessages: 1000, waitTimeSeconds: 1, concurrency: 3 });
    async function* documents() {
      for await (const result of receive.execute()) if (result.status === "success") yield result.document;
    }
    const deleted = await collect(connection.operation("delete").execute(documents()));
    assert.equal(deleted.length, 120);
    assert.equal(await env.depth(queue.url), 0);
  });

  it("deleteAfterReceive removes each batch once the host has taken it", async () => {
    const queue = await env.queue("auto-delete");
    await seed(
      queue.url,
      Array.from({ length: 15 }, (_, i) => `m${i}`),
    );
    const received = await collect(
      env.connect().operation("receive", { queueUrl: queue.url, maxMessages: 15, waitTimeSeconds: 0, deleteAfterReceive: true }).execute(),
    );
    assert.equal(received.length, 15);
    assert.equal(await env.depth(queue.url), 0);
  });

  it("fails the whole operation when the queue does not exist", async () => {
    const receive = env.connect().operation("receive", { queueName: "no-such-queue", waitTimeSeconds: 0 });
    await assert.rejects(
      collect(receive.execute()),
      (error: unknown) => error instanceof ConnectorError && error.code === "QUEUE_NOT_FOUND",
    );
  });
});
