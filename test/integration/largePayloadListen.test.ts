import assert from "node:assert/strict";
import type { ListenDocument } from "../../operations/listen/listenTypes.js";
import type { OperationResult } from "../../core/types.js";
import { embeddedS3 } from "../support/embeddedS3.js";
import { collect, useEmbeddedSqs } from "../support/embeddedSqs.js";
import { javaLargeMessage } from "../support/extendedClientRules.js";
import { codes, drainMessages, factsOf } from "../support/listening.js";

const MiB = 1024 * 1024;

/**
 * listen resolves pointer messages as receive does (one shared module), and its
 * acknowledgement removes the object after the message, as delete does.
 */
describe("listen with large payloads (embedded SQS and S3, in-process)", function () {
  this.timeout(30_000);
  const env = useEmbeddedSqs();
  const s3 = embeddedS3(env);

  it("hands the handler the payload, and acknowledging removes the object after the message", async () => {
    const queue = await env.queue("listen-large");
    const bucket = await s3.bucket();
    const body = "Lieferschein ".repeat(Math.ceil((3 * MiB) / 13));
    await collect(
      s3
        .connect()
        .operation("send", { queueUrl: queue.url, largePayload: { bucket } })
        .execute([{ body }, { body: "small" }]),
    );
    // A message as the Java library sends it, too.
    await s3.put(bucket, "java-key", "from Java");
    const java = javaLargeMessage(bucket, "java-key", "from Java");
    await s3.sendRaw(queue.url, java.body, java.attributes);

    const handled: ListenDocument[] = [];
    const results: OperationResult[] = [];
    const listener = s3
      .connect()
      .listen(
        { queueUrl: queue.url, waitTimeSeconds: 1, largePayload: { bucket } },
        (document: ListenDocument) => void handled.push(document),
        {
          onSettled: (result) => results.push(result),
          maxSettlements: 3,
        },
      );
    const summary = await listener.summary;
    assert.equal(summary.acknowledged, 3);
    assert.deepEqual(handled.map((d) => d.body).sort(), [body, "from Java", "small"].sort());
    const large = handled.filter((d) => d.largePayload !== undefined);
    assert.equal(large.length, 2);
    for (const document of large) {
      assert.ok(document.receiptHandle.startsWith("-..s3BucketName..-"), "the document's handle carries the pointer, as receive's does");
      assert.deepEqual(document.messageAttributes, {});
    }
    const removed = results.flatMap((r) => {
      const largePayload = factsOf(r)["largePayload"] as { key: string; removed: boolean } | undefined;
      return largePayload === undefined ? [] : [largePayload];
    });
    assert.deepEqual(
      removed.map((p) => p.removed),
      [true, true],
    );
    assert.equal(await env.depth(queue.url), 0);
    assert.deepEqual(await s3.keys(bucket), []);
  });

  it("lets a delete operation acknowledge a held pointer message by its document: the listener lets go, the object goes after the message", async () => {
    const queue = await env.queue("listen-elsewhere");
    const bucket = await s3.bucket();
    await collect(
      s3
        .connect()
        .operation("send", { queueUrl: queue.url, largePayload: { bucket, always: true } })
        .execute([{ body: "elsewhere" }]),
    );
    const connection = s3.connect();
    const deletions: OperationResult[] = [];
    const listener = connection.listen(
      { queueUrl: queue.url, waitTimeSeconds: 1, visibilityTimeout: 10, largePayload: { bucket } },
      async (document: ListenDocument, context) => {
        deletions.push(...(await collect(connection.operation("delete", { largePayload: { bucket } }).execute([document]))));
        // The listener learns the message was deleted elsewhere and stops waiting for this handler.
        await new Promise((resolve) => context.signal.addEventListener("abort", resolve, { once: true }));
      },
      { maxSettlements: 1, idleSeconds: 2 },
    );
    const summary = await listener.summary;
    assert.equal(summary.settledElsewhere, 1);
    assert.deepEqual(codes(deletions), ["ok"]);
    assert.equal((factsOf(deletions[0]!)["largePayload"] as { removed: boolean }).removed, true);
    assert.equal(await env.depth(queue.url), 0);
    assert.deepEqual(await s3.keys(bucket), []);
  });

  it("treats a missing payload as a failure (backoff, then the dead-letter queue), and a moved pointer keeps its object", async () => {
    const queue = await env.queue("listen-missing");
    const deadLetter = await env.queue("listen-missing-dlq");
    const bucket = await s3.bucket();
    const sent = await collect(
      s3
        .connect()
        .operation("send", { queueUrl: queue.url, largePayload: { bucket, always: true } })
        .execute([{ body: "gone" }, { body: "poison" }]),
    );
    const keys = sent.map((r) => (r.status === "success" ? (r.document as { largePayload: { key: string } }).largePayload.key : ""));
    await s3.remove(bucket, keys[0]!);
    const results: OperationResult[] = [];
    const listener = s3.connect().listen(
      {
        queueUrl: queue.url,
        waitTimeSeconds: 1,
        visibilityTimeout: 5,
        backoffBaseSeconds: 0,
        maxReceives: 1,
        deadLetterQueueUrl: deadLetter.url,
        largePayload: { bucket },
      },
      (document: ListenDocument) => {
        if (document.body === "poison") throw new Error("cannot handle");
      },
      { onSettled: (result) => results.push(result), maxSettlements: 4 },
    );
    await listener.summary;
    assert.deepEqual(codes(results).sort(), ["HANDLER_FAILED", "MESSAGE_POISONED", "MESSAGE_POISONED", "PAYLOAD_NOT_FOUND"].sort());
    // Both went to the dead-letter queue as they were sent: a pointer, whose object (if any) is still there.
    const moved = await drainMessages(env, deadLetter.url);
    assert.equal(moved.length, 2);
    assert.ok(moved.every((m) => m.Body!.startsWith('["software.amazon.payloadoffloading.PayloadS3Pointer"')));
    assert.deepEqual(await s3.keys(bucket), [keys[1]]);
  });
});
