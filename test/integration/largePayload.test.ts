import assert from "node:assert/strict";
import type { DeletedMessage } from "../../core/generated/delete.output.js";
import type { ReceivedMessage } from "../../core/generated/receive.output.js";
import type { SentMessage } from "../../core/generated/send.output.js";
import type { OperationResult } from "../../core/types.js";
import { embeddedS3 } from "../support/embeddedS3.js";
import { collect, errorCodes, successes, useEmbeddedSqs } from "../support/embeddedSqs.js";

const MiB = 1024 * 1024;

/** A body of `bytes` UTF-8 bytes that is not one repeated character (multi-byte characters included). */
function payload(bytes: number, seed = "0"): string {
  const unit = `{"seed":"${seed}","text":"grüße, 気象"}\n`;
  const whole = unit.repeat(Math.floor(bytes / Buffer.byteLength(unit)));
  return whole + "x".repeat(bytes - Buffer.byteLength(whole));
}

describe("large payloads through S3 (embedded SQS and S3)", () => {
  const env = useEmbeddedSqs();
  const s3 = embeddedS3(env);

  async function roundTrip(bytes: number): Promise<void> {
    const queue = await env.queue("large");
    const bucket = await s3.bucket();
    const connection = s3.connect();
    const body = payload(bytes);
    const sent = await collect<SentMessage>(
      connection
        .operation("send", { queueUrl: queue.url, largePayload: { bucket, keyPrefix: "in/" } })
        .execute([{ body }, { body: "small" }]),
    );
    assert.deepEqual(errorCodes(sent), [undefined, undefined]);
    const [large, small] = successes(sent);
    assert.equal(small!.largePayload, undefined, "a small body goes as it is");
    assert.equal(large!.largePayload!.bucket, bucket);
    assert.match(large!.largePayload!.key, /^in\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(large!.largePayload!.size, bytes);
    assert.deepEqual(await s3.keys(bucket), [large!.largePayload!.key]);

    const received = successes(
      await collect<ReceivedMessage>(
        connection.operation("receive", { queueUrl: queue.url, waitTimeSeconds: 0, maxMessages: 2, largePayload: { bucket } }).execute(),
      ),
    );
    const resolved = received.find((m) => m.largePayload !== undefined)!;
    assert.equal(resolved.body, body, "the body is the payload, byte for byte");
    assert.deepEqual(resolved.largePayload, large!.largePayload);
    assert.deepEqual(resolved.messageAttributes, {}, "the size attribute is not handed on");
    assert.ok(
      resolved.receiptHandle.startsWith(`-..s3BucketName..-${bucket}-..s3BucketName..--..s3Key..-${large!.largePayload!.key}-..s3Key..-`),
    );

    const deleted = successes(
      await collect<DeletedMessage>(connection.operation("delete", { largePayload: { bucket } }).execute(received)),
    );
    assert.equal(deleted.length, 2);
    assert.deepEqual(deleted.find((d) => d.largePayload !== undefined)!.largePayload, {
      bucket,
      key: large!.largePayload!.key,
      removed: true,
    });
    assert.equal(await env.depth(queue.url), 0);
    assert.deepEqual(await s3.keys(bucket), [], "the object went with its message");
  }

  it("sends, receives and deletes a 2 MiB body", () => roundTrip(2 * MiB));
  it("sends, receives and deletes a 50 MiB body (a multipart upload)", () => roundTrip(50 * MiB));

  it("offloads by threshold (strictly over it) or always, and writes the size attribute the configuration names", async () => {
    const queue = await env.queue("threshold");
    const bucket = await s3.bucket();
    const send = (largePayload: Record<string, unknown>, bodies: string[]) =>
      collect<SentMessage>(
        s3
          .connect()
          .operation("send", { queueUrl: queue.url, largePayload: { bucket, ...largePayload } })
          .execute(bodies.map((body) => ({ body }))),
      );
    const atThreshold = await send({ thresholdBytes: 100 }, ["a".repeat(100), "a".repeat(101)]);
    assert.deepEqual(
      successes(atThreshold).map((s) => s.largePayload !== undefined),
      [false, true],
    );
    const always = await send({ always: true, attributeName: "current" }, ["tiny"]);
    assert.equal(successes(always)[0]!.largePayload!.size, 4);
    const raw = await s3.receiveRaw(queue.url);
    const attributes = raw.map((m) => Object.keys(m.MessageAttributes ?? {}).join(",")).sort();
    assert.deepEqual(attributes, ["", "ExtendedPayloadSize", "SQSLargePayloadSize"]);
    const tiny = raw.find((m) => m.MessageAttributes?.["ExtendedPayloadSize"] !== undefined)!;
    const size = tiny.MessageAttributes!["ExtendedPayloadSize"]!;
    assert.deepEqual([size.DataType, size.StringValue], ["Number", "4"]);
  });

  it("stores the encoded body (bodyEncoding json) and receive decodes the payload as it would the message body", async () => {
    const queue = await env.queue("json");
    const bucket = await s3.bucket();
    const document = { deviceId: "sensor-1", readings: Array.from({ length: 50 }, (_, i) => ({ i, t: 20 + i / 10 })) };
    await collect(
      s3
        .connect()
        .operation("send", { queueUrl: queue.url, bodyEncoding: "json", largePayload: { bucket, always: true } })
        .execute([{ body: document }]),
    );
    const [message] = successes(
      await collect<ReceivedMessage>(
        s3
          .connect()
          .operation("receive", { queueUrl: queue.url, bodyEncoding: "json", waitTimeSeconds: 0, largePayload: { bucket } })
          .execute(),
      ),
    );
    assert.deepEqual(message!.body, document);
  });

  it("keeps FIFO order within each group and deduplicates a repeated large body on a content-deduplicated queue", async () => {
    const queue = await env.queue("order.fifo", { ContentBasedDeduplication: "true" });
    const bucket = await s3.bucket();
    const documents = Array.from({ length: 12 }, (_, i) => ({
      messageGroupId: `g${i % 3}`,
      body: i % 2 === 0 ? payload(300 * 1024 + i, String(i)) : `small ${i}`,
    }));
    const config = { queueUrl: queue.url, largePayload: { bucket, thresholdBytes: 256 * 1024 } };
    const sent = await collect<SentMessage>(s3.connect().operation("send", config).execute(documents));
    assert.deepEqual(errorCodes(sent).filter(Boolean), []);
    // The same documents again (a retrying producer): content-based deduplication drops every one, large ones included.
    const repeated = await collect<SentMessage>(s3.connect().operation("send", config).execute(documents));
    assert.deepEqual(
      successes(repeated).map((s) => s.messageId),
      successes(sent).map((s) => s.messageId),
    );
    // A FIFO group has one message in flight at a time: receive (and delete) until the queue is empty.
    const received: ReceivedMessage[] = [];
    for (let round = 0; round < 20 && (await env.depth(queue.url)) > 0; round++) {
      const run = s3.connect().operation("receive", {
        queueUrl: queue.url,
        maxMessages: 30,
        waitTimeSeconds: 0,
        deleteAfterReceive: true,
        largePayload: { bucket },
      });
      received.push(...successes(await collect<ReceivedMessage>(run.execute())));
    }
    assert.equal(received.length, 12, "no duplicates");
    for (const group of ["g0", "g1", "g2"]) {
      const bodies = received.filter((m) => m.attributes["MessageGroupId"] === group).map((m) => m.body);
      assert.deepEqual(
        bodies,
        documents.filter((d) => d.messageGroupId === group).map((d) => d.body),
        `group ${group}`,
      );
    }
    const left = await s3.keys(bucket);
    assert.equal(
      left.length,
      6,
      "deleteAfterReceive removed the six delivered payloads; the repeats' six objects wait for the lifecycle rule",
    );
    for (const message of received.filter((m) => m.largePayload !== undefined)) assert.ok(!left.includes(message.largePayload!.key));
  });

  it("passes a pointer on as it is, with a warning, when receive has no largePayload", async () => {
    const queue = await env.queue("unconfigured");
    const bucket = await s3.bucket();
    await collect(
      s3
        .connect()
        .operation("send", { queueUrl: queue.url, largePayload: { bucket, always: true } })
        .execute([{ body: "hi" }]),
    );
    const warnings: string[] = [];
    const logger = { debug: () => {}, info: () => {}, warn: (m: string) => warnings.push(m), error: () => {} };
    const [message] = successes(
      await collect<ReceivedMessage>(
        env
          .connect({ s3Endpoint: env.sqs.endpoint }, { logger })
          .operation("receive", { queueUrl: queue.url, waitTimeSeconds: 0 })
          .execute(),
      ),
    );
    assert.match(String(message!.body), /^\["software\.amazon\.payloadoffloading\.PayloadS3Pointer",\{"s3BucketName":/);
    assert.ok(message!.messageAttributes["SQSLargePayloadSize"] !== undefined);
    assert.equal(message!.largePayload, undefined);
    assert.ok(warnings.some((w) => w.includes("largePayload is not set")));
  });

  it("follows pointers only into allowed buckets and prefixes, and gives the others an error carrying SQS's own receipt handle", async () => {
    const queue = await env.queue("allowed");
    const [own, partner, other] = [await s3.bucket("own"), await s3.bucket("partner"), await s3.bucket("other")];
    await s3.put(partner, "team-a/1", "from a partner");
    await s3.put(other, "x/1", "secret");
    await s3.put(own, "elsewhere/1", "outside the prefix");
    const pointer = (bucket: string, key: string) =>
      s3.sendRaw(queue.url, `["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":"${bucket}","s3Key":"${key}"}]`, {
        SQSLargePayloadSize: { DataType: "Number", StringValue: "5" },
      });
    await pointer(partner, "team-a/1");
    await pointer(other, "x/1");
    await pointer(own, "elsewhere/1");
    const results = await collect<ReceivedMessage>(
      s3
        .connect()
        .operation("receive", {
          queueUrl: queue.url,
          waitTimeSeconds: 0,
          visibilityTimeout: 30,
          largePayload: { bucket: own, keyPrefix: "in/", allowedBuckets: [`${partner}/team-a/`] },
        })
        .execute(),
    );
    assert.deepEqual(
      successes(results).map((m) => m.body),
      ["from a partner"],
    );
    const refused = results.filter((r): r is Extract<OperationResult, { status: "error" }> => r.status === "error");
    assert.deepEqual(
      refused.map((r) => r.error.code),
      ["PAYLOAD_NOT_ALLOWED", "PAYLOAD_NOT_ALLOWED"],
    );
    for (const result of refused) {
      const handle = String(result.error.details?.["receiptHandle"]);
      assert.ok(!handle.includes("-..s3BucketName..-"), "the error carries SQS's own handle");
    }
    // With that handle the message can be dealt with: deleted, the object untouched.
    const deleted = await collect(
      s3
        .connect()
        .operation("delete", { queueUrl: queue.url })
        .execute(refused.map((r) => ({ receiptHandle: r.error.details?.["receiptHandle"] }))),
    );
    assert.deepEqual(errorCodes(deleted), [undefined, undefined]);
    assert.ok(await s3.exists(other, "x/1"));
  });

  it("gives a missing object PAYLOAD_NOT_FOUND and a payload over maxPayloadBytes PAYLOAD_TOO_LARGE, one result per message", async () => {
    const queue = await env.queue("missing");
    const bucket = await s3.bucket();
    const sent = successes(
      await collect<SentMessage>(
        s3
          .connect()
          .operation("send", { queueUrl: queue.url, largePayload: { bucket, always: true } })
          .execute([{ body: "gone" }, { body: "kept" }, { body: "x".repeat(2000) }]),
      ),
    );
    await s3.remove(bucket, sent[0]!.largePayload!.key);
    const results = await collect<ReceivedMessage>(
      s3
        .connect()
        .operation("receive", { queueUrl: queue.url, waitTimeSeconds: 0, maxMessages: 3, largePayload: { bucket, maxPayloadBytes: 1000 } })
        .execute(),
    );
    const byBody = new Map(results.map((r) => [r.status === "success" ? r.document.body : r.error.code, r]));
    assert.deepEqual([...byBody.keys()].sort(), ["PAYLOAD_NOT_FOUND", "PAYLOAD_TOO_LARGE", "kept"]);
    const missing = byBody.get("PAYLOAD_NOT_FOUND") as Extract<OperationResult, { status: "error" }>;
    assert.deepEqual(missing.error.details?.["largePayload"], { bucket, key: sent[0]!.largePayload!.key });
    assert.equal(typeof missing.error.details?.["receiptHandle"], "string");
  });

  it("caps what it reads by the object's own size too: a pointer whose size attribute understates the object gets PAYLOAD_TOO_LARGE", async () => {
    const queue = await env.queue("understated");
    const bucket = await s3.bucket();
    await s3.put(bucket, "big-object", "x".repeat(5000));
    // Whoever writes to the queue chooses the attribute: it claims 10 bytes.
    await s3.sendRaw(
      queue.url,
      `["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":"${bucket}","s3Key":"big-object"}]`,
      {
        ExtendedPayloadSize: { DataType: "Number", StringValue: "10" },
      },
    );
    const [result] = await collect<ReceivedMessage>(
      s3
        .connect()
        .operation("receive", { queueUrl: queue.url, waitTimeSeconds: 0, largePayload: { bucket, maxPayloadBytes: 1000 } })
        .execute(),
    );
    assert.equal(result!.status === "error" && result!.error.code, "PAYLOAD_TOO_LARGE");
    assert.equal(typeof (result as Extract<OperationResult, { status: "error" }>).error.details?.["receiptHandle"], "string");
  });

  it("keeps objects with retainPayloads, and deletes the message without touching S3 when delete has no largePayload", async () => {
    const queue = await env.queue("retain");
    const bucket = await s3.bucket();
    await collect(
      s3
        .connect()
        .operation("send", { queueUrl: queue.url, largePayload: { bucket, always: true } })
        .execute([{ body: "a" }, { body: "b" }]),
    );
    const received = successes(
      await collect<ReceivedMessage>(
        s3.connect().operation("receive", { queueUrl: queue.url, waitTimeSeconds: 0, largePayload: { bucket } }).execute(),
      ),
    );
    const retained = successes(
      await collect<DeletedMessage>(
        s3
          .connect()
          .operation("delete", { largePayload: { bucket, retainPayloads: true } })
          .execute([received[0]]),
      ),
    );
    assert.equal(retained[0]!.largePayload!.removed, false);
    assert.match(retained[0]!.largePayload!.reason!, /retainPayloads/);
    const unconfigured = successes(await collect<DeletedMessage>(s3.connect().operation("delete").execute([received[1]])));
    assert.equal(unconfigured[0]!.largePayload!.removed, false);
    assert.equal(await env.depth(queue.url), 0, "both messages were deleted");
    assert.equal((await s3.keys(bucket)).length, 2);
  });

  it("changes visibility by a marked receipt handle longer than SQS's own 1,024 characters (a long key prefix), touching no object", async () => {
    const queue = await env.queue("marked-visibility");
    const bucket = await s3.bucket();
    const largePayload = { bucket, keyPrefix: "orders/".repeat(130) };
    const connection = s3.connect();
    await collect(
      connection.operation("send", { queueUrl: queue.url, largePayload: { ...largePayload, always: true } }).execute([{ body: "later" }]),
    );
    const [received] = successes(
      await collect<ReceivedMessage>(
        connection.operation("receive", { queueUrl: queue.url, waitTimeSeconds: 0, visibilityTimeout: 300, largePayload }).execute(),
      ),
    );
    assert.ok(received!.receiptHandle.length > 1024, `a marked handle of ${received!.receiptHandle.length} characters`);
    const changed = await collect(connection.operation("changeVisibility", { visibilityTimeout: 0 }).execute([received]));
    assert.deepEqual(errorCodes(changed), [undefined]);
    assert.deepEqual(await env.counts(queue.url), { visible: 1, inFlight: 0 }, "released at once");
    assert.equal((await s3.keys(bucket)).length, 1, "the object stays");
  });

  it("refuses to delete by a handle that points outside largePayload's buckets, touching nothing", async () => {
    const queue = await env.queue("crafted");
    const [bucket, victim] = [await s3.bucket(), await s3.bucket("victim")];
    await s3.put(victim, "precious", "keep me");
    await s3.sendRaw(queue.url, "plain");
    const [message] = await s3.receiveRaw(queue.url, 1, 30);
    const crafted = `-..s3BucketName..-${victim}-..s3BucketName..--..s3Key..-precious-..s3Key..-${message!.ReceiptHandle}`;
    const [result] = await collect(
      s3
        .connect()
        .operation("delete", { queueUrl: queue.url, largePayload: { bucket } })
        .execute([{ receiptHandle: crafted }]),
    );
    assert.equal(result!.status === "error" && result!.error.code, "PAYLOAD_NOT_ALLOWED");
    assert.ok(await s3.exists(victim, "precious"));
    assert.equal(await env.depth(queue.url), 1);
  });
});
