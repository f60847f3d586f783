import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { DeletedMessage } from "../../core/generated/delete.output.js";
import type { ReceivedMessage } from "../../core/generated/receive.output.js";
import type { SentMessage } from "../../core/generated/send.output.js";
import { embeddedS3 } from "../support/embeddedS3.js";
import { collect, errorCodes, successes, useEmbeddedSqs } from "../support/embeddedSqs.js";
import {
  JAVA,
  javaEmbed,
  javaIsS3ReceiptHandle,
  javaLargeMessage,
  javaOriginalReceiptHandle,
  javaPointerFromReceiptHandle,
  javaReadPointer,
  javaReservedAttribute,
  pythonPointerJson,
} from "../support/extendedClientRules.js";

const MiB = 1024 * 1024;

/**
 * Interoperability with AWS's SQS Extended Client Library for Java and its
 * Python port: messages built byte for byte as they build them (their rules in
 * test/support/extendedClientRules.ts) are received and deleted by the
 * connector; the connector's messages are read by their rules.
 */
describe("large payloads interoperate with AWS's Extended Client Libraries (embedded SQS and S3)", () => {
  const env = useEmbeddedSqs();
  const s3 = embeddedS3(env);

  const producers: Array<
    [
      string,
      (
        bucket: string,
        key: string,
        payload: string,
      ) => { body: string; attributes: Record<string, { DataType: string; StringValue: string }> },
    ]
  > = [
    ["Java with its default (legacy) attribute name", (b, k, p) => javaLargeMessage(b, k, p, true)],
    ["Java with the legacy name disabled", (b, k, p) => javaLargeMessage(b, k, p, false)],
    [
      "Python in its default mode",
      (b, k, p) => ({
        body: pythonPointerJson(b, k),
        attributes: { [JAVA.reservedName]: { DataType: "Number", StringValue: String(Buffer.byteLength(p)) } },
      }),
    ],
    [
      "Python in legacy mode (MessageS3Pointer)",
      (b, k, p) => ({
        body: pythonPointerJson(b, k, true),
        attributes: { [JAVA.legacyReservedName]: { DataType: "Number", StringValue: String(Buffer.byteLength(p)) } },
      }),
    ],
  ];

  for (const [producer, build] of producers) {
    it(`receives and deletes a message sent by ${producer}`, async () => {
      const queue = await env.queue("from-library");
      const bucket = await s3.bucket();
      const key = randomUUID(); // S3BackedPayloadStore.storeOriginalPayload: a bare UUID without a prefix
      const payload = `{"order": 42, "note": "größer als 1 MiB"}`.padEnd(2 * MiB, " ");
      await s3.put(bucket, key, payload);
      const message = build(bucket, key, payload);
      await s3.sendRaw(queue.url, message.body, { ...message.attributes, traceId: { DataType: "String", StringValue: "t-1" } });

      const [received] = successes(
        await collect<ReceivedMessage>(
          s3.connect().operation("receive", { queueUrl: queue.url, waitTimeSeconds: 0, largePayload: { bucket } }).execute(),
        ),
      );
      assert.equal(received!.body, payload);
      assert.deepEqual(received!.largePayload, { bucket, key, size: Buffer.byteLength(payload) });
      assert.deepEqual(
        Object.keys(received!.messageAttributes),
        ["traceId"],
        "the reserved attribute is removed, as the libraries remove it",
      );
      // The handle as the libraries hand it to their callers.
      assert.ok(javaIsS3ReceiptHandle(received!.receiptHandle));
      assert.deepEqual(javaPointerFromReceiptHandle(received!.receiptHandle), { bucket, key });
      assert.equal(received!.receiptHandle, javaEmbed(javaOriginalReceiptHandle(received!.receiptHandle), bucket, key));

      const [deleted] = successes(
        await collect<DeletedMessage>(s3.connect().operation("delete", { largePayload: { bucket } }).execute([received])),
      );
      assert.deepEqual(deleted!.largePayload, { bucket, key, removed: true });
      assert.equal(await env.depth(queue.url), 0);
      assert.equal(await s3.exists(bucket, key), false);
    });
  }

  it("deletes with a receipt handle the Java library produced (its consumer passing the handle on), message first, then the object", async () => {
    const queue = await env.queue("java-handle");
    const bucket = await s3.bucket();
    const key = `prefix/${randomUUID()}`;
    await s3.put(bucket, key, "payload");
    const message = javaLargeMessage(bucket, key, "payload");
    await s3.sendRaw(queue.url, message.body, message.attributes);
    const [raw] = await s3.receiveRaw(queue.url, 1, 30);
    const libraryHandle = javaEmbed(raw!.ReceiptHandle!, bucket, key);
    const [result] = await collect(
      s3
        .connect()
        .operation("delete", { queueUrl: queue.url, largePayload: { bucket, keyPrefix: "prefix/" } })
        .execute([{ receiptHandle: libraryHandle }]),
    );
    assert.equal(result!.status, "success");
    assert.equal(await env.depth(queue.url), 0);
    assert.equal(await s3.exists(bucket, key), false);
  });

  it("sends messages the Java library reads: pointer body, size attribute (Number, UTF-8 bytes), and the object holding the payload", async () => {
    const queue = await env.queue("to-library");
    const bucket = await s3.bucket();
    const bodies = ["ä".repeat(600 * 1024), "x".repeat(3 * MiB)];
    const sent = await collect<SentMessage>(
      s3
        .connect()
        .operation("send", { queueUrl: queue.url, largePayload: { bucket, keyPrefix: "orders/" } })
        .execute(bodies.map((body) => ({ body, messageAttributes: { kind: { DataType: "String", StringValue: "order" } } }))),
    );
    assert.deepEqual(errorCodes(sent), [undefined, undefined]);
    const raw = await s3.receiveRaw(queue.url, 10, 30);
    assert.equal(raw.length, 2);
    for (const message of raw) {
      const attributes = message.MessageAttributes ?? {};
      const reserved = javaReservedAttribute(attributes);
      assert.equal(reserved, JAVA.legacyReservedName, "Java 1.x reads only the legacy name, the default");
      const pointer = javaReadPointer(message.Body ?? "");
      assert.equal(message.Body, `["${JAVA.pointerClass}",{"s3BucketName":"${pointer.bucket}","s3Key":"${pointer.key}"}]`);
      assert.equal(pointer.bucket, bucket);
      assert.match(pointer.key, /^orders\/[0-9a-f-]{36}$/);
      const text = await s3.text(pointer.bucket, pointer.key);
      assert.ok(bodies.includes(text));
      assert.equal(attributes[reserved]!.DataType, "Number");
      assert.equal(attributes[reserved]!.StringValue, String(Buffer.byteLength(text)));
      assert.equal(attributes["kind"]!.StringValue, "order", "the document's own attributes travel beside it");
    }
  });
});
