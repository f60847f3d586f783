import assert from "node:assert/strict";
import { ConnectorError } from "../../core/errors.js";
import type { ReceivedMessage } from "../../core/generated/receive.output.js";
import type { SentMessage } from "../../core/generated/send.output.js";
import type { OperationResult } from "../../core/types.js";
import { embeddedS3 } from "../support/embeddedS3.js";
import { collect, successes, useEmbeddedSqs } from "../support/embeddedSqs.js";
import { startFaultProxy, type FaultProxy, type FaultProxyOptions } from "../support/faultProxy.js";

type Gate = NonNullable<FaultProxyOptions["gate"]>;
type ErrorResult = Extract<OperationResult, { status: "error" }>;

const s3Error = (status: number, code: string) => ({
  status,
  contentType: "application/xml",
  body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>injected ${code}</Message><RequestId>1</RequestId></Error>`,
});
const isUpload = (request: Parameters<Gate>[0]) => request.action === "" && request.method === "PUT";
const errorsOf = (results: OperationResult[]) => results.filter((r): r is ErrorResult => r.status === "error");

/** Results collected up to a failure of the whole run, which is returned too. */
async function untilFailure(results: AsyncIterable<OperationResult>): Promise<{ results: OperationResult[]; failure: unknown }> {
  const seen: OperationResult[] = [];
  try {
    for await (const result of results) seen.push(result);
    return { results: seen, failure: undefined };
  } catch (failure) {
    return { results: seen, failure };
  }
}

/**
 * S3 and SQS faults around large payloads, through the loopback fault proxy in
 * front of the embedded emulator (SQS and S3 on one port): every document gets
 * one result, no message is left without its payload, and no payload outlives
 * a message that definitely did not arrive.
 */
describe("large payloads under S3 and SQS faults (fault proxy, embedded SQS and S3)", () => {
  const env = useEmbeddedSqs();
  const s3 = embeddedS3(env);
  let proxy: FaultProxy | undefined;
  let gate: Gate = () => undefined;
  afterEach(async () => {
    gate = () => undefined;
    await proxy?.close();
    proxy = undefined;
  });

  async function proxied(options: Partial<FaultProxyOptions> = {}, connection: Record<string, unknown> = {}) {
    proxy = await startFaultProxy({ target: env.sqs.endpoint, gate: (request) => gate(request), ...options });
    return env.connect({ endpoint: proxy.url, s3Endpoint: proxy.url, maxAttempts: 2, ...connection });
  }

  it("reading: a missing object and a denied one each fail their message alone, with a receipt handle to deal with it", async () => {
    const queue = await env.queue("read-faults");
    const bucket = await s3.bucket();
    const bodies = ["one", "two", "three", "four", "five", "six"];
    const sent = successes(
      await collect<SentMessage>(
        s3
          .connect()
          .operation("send", { queueUrl: queue.url, largePayload: { bucket, always: true } })
          .execute(bodies.map((body) => ({ body }))),
      ),
    );
    const [gone, denied] = [sent[1]!.largePayload!.key, sent[4]!.largePayload!.key];
    await s3.remove(bucket, gone);
    gate = (request) => (request.method === "GET" && request.path.includes(denied) ? s3Error(403, "AccessDenied") : undefined);
    const connection = await proxied();
    const results = await collect<ReceivedMessage>(
      connection
        .operation("receive", { queueUrl: queue.url, maxMessages: 6, waitTimeSeconds: 0, visibilityTimeout: 30, largePayload: { bucket } })
        .execute(),
    );
    assert.equal(results.length, 6);
    assert.deepEqual(
      successes(results)
        .map((m) => m.body)
        .sort(),
      ["five", "four", "one", "three", "two", "six"].filter((b) => b !== "two" && b !== "five").sort(),
    );
    const errors = errorsOf(results);
    assert.deepEqual(errors.map((e) => e.error.code).sort(), ["PAYLOAD_ACCESS_DENIED", "PAYLOAD_NOT_FOUND"]);
    for (const { error } of errors) assert.equal(typeof error.details?.["receiptHandle"], "string");
    // Delivered messages are deleted with their objects; the failed two stay on the queue, nothing is lost.
    await collect(connection.operation("delete", { largePayload: { bucket } }).execute(successes(results)));
    assert.equal(await env.depth(queue.url), 2);
    assert.deepEqual(await s3.keys(bucket), [denied]);
  });

  it("expectedBucketOwner: every S3 call carries ExpectedBucketOwner, and a bucket of another account is refused (PAYLOAD_ACCESS_DENIED)", async () => {
    const queue = await env.queue("bucket-owner");
    const bucket = await s3.bucket();
    const owner = "111122223333";
    // As S3 answers: a call whose ExpectedBucketOwner is not the bucket's owner is denied.
    const seen: Array<{ method: string; owner: unknown }> = [];
    gate = (request) => {
      if (request.action !== "") return undefined;
      seen.push({ method: request.method, owner: request.headers["x-amz-expected-bucket-owner"] });
      return request.headers["x-amz-expected-bucket-owner"] === owner ? undefined : s3Error(403, "AccessDenied");
    };
    const connection = await proxied();
    const sent = await collect<SentMessage>(
      connection
        .operation("send", { queueUrl: queue.url, largePayload: { bucket, always: true, expectedBucketOwner: owner } })
        .execute([{ body: "small" }, { body: "x".repeat(12 * 1024 * 1024) }]),
    );
    assert.deepEqual(
      sent.map((r) => r.status),
      ["success", "success"],
    );
    const strangers = await collect<ReceivedMessage>(
      connection
        .operation("receive", {
          queueUrl: queue.url,
          maxMessages: 2,
          waitTimeSeconds: 0,
          visibilityTimeout: 0,
          largePayload: { bucket, expectedBucketOwner: "444455556666" },
        })
        .execute(),
    );
    assert.deepEqual(
      errorsOf(strangers).map((r) => r.error.code),
      ["PAYLOAD_ACCESS_DENIED", "PAYLOAD_ACCESS_DENIED"],
    );
    const received = successes(
      await collect<ReceivedMessage>(
        connection
          .operation("receive", {
            queueUrl: queue.url,
            maxMessages: 2,
            waitTimeSeconds: 0,
            largePayload: { bucket, expectedBucketOwner: owner },
          })
          .execute(),
      ),
    );
    assert.equal(received.length, 2);
    const deleted = await collect(
      connection.operation("delete", { largePayload: { bucket, expectedBucketOwner: owner } }).execute(received),
    );
    assert.deepEqual(
      deleted.map((r) => r.status === "success" && (r.document as { largePayload: { removed: boolean } }).largePayload.removed),
      [true, true],
    );
    assert.deepEqual(await s3.keys(bucket), []);
    const methods = new Set(seen.map((s) => s.method));
    assert.deepEqual([...methods].sort(), ["DELETE", "GET", "POST", "PUT"], "single and multipart uploads, reads, removals");
    assert.deepEqual(
      seen.filter((s) => s.owner !== owner && s.owner !== "444455556666"),
      [],
      "no S3 call without ExpectedBucketOwner",
    );
  });

  it("storing: a failed upload (one PutObject, or one part of a multipart upload) fails its document alone and leaves no object", async () => {
    const queue = await env.queue("upload-faults");
    const bucket = await s3.bucket();
    gate = (request) =>
      (isUpload(request) && request.body.includes("FAIL-THIS-UPLOAD")) || (isUpload(request) && /[?&]partNumber=2(&|$)/.test(request.path))
        ? s3Error(500, "InternalError")
        : undefined;
    const connection = await proxied();
    const documents = [{ body: "fine 1" }, { body: "FAIL-THIS-UPLOAD" }, { body: "x".repeat(12 * 1024 * 1024) }, { body: "fine 2" }];
    const results = await collect<SentMessage>(
      connection.operation("send", { queueUrl: queue.url, largePayload: { bucket, always: true } }).execute(documents),
    );
    assert.deepEqual(
      results.map((r) => (r.status === "error" ? r.error.code : "sent")),
      ["sent", "SERVICE_UNAVAILABLE", "SERVICE_UNAVAILABLE", "sent"],
    );
    assert.ok(errorsOf(results).every((r) => r.error.retryable));
    assert.equal(await env.depth(queue.url), 2, "only the stored ones were sent");
    assert.deepEqual(
      (await s3.keys(bucket)).sort(),
      successes(results)
        .map((s) => s.largePayload!.key)
        .sort(),
      "no object without a message",
    );
  });

  it("storing: an upload whose answer was lost is removed again, since no message will point at it", async () => {
    const queue = await env.queue("upload-lost");
    const bucket = await s3.bucket();
    // Every S3 request (action "") reaches the emulator, then its connection is reset: the object is written, the answer lost.
    const connection = await proxied({ rate: 1, faults: ["resetAfter"], actions: [""] });
    const [result] = await collect(
      connection.operation("send", { queueUrl: queue.url, largePayload: { bucket, always: true } }).execute([{ body: "lost" }]),
    );
    assert.equal(result!.status === "error" && result!.error.code, "NETWORK_ERROR");
    assert.equal(await env.depth(queue.url), 0);
    assert.deepEqual(await s3.keys(bucket), []);
  });

  it("storing: an S3 refusal of every upload stops send (as SQS's own denial does), with one result per document", async () => {
    const queue = await env.queue("upload-denied");
    const bucket = await s3.bucket();
    gate = (request) => (isUpload(request) ? s3Error(403, "AccessDenied") : undefined);
    const connection = await proxied();
    const documents = Array.from({ length: 40 }, (_, i) => ({ body: `document ${i}` }));
    const { results, failure } = await untilFailure(
      connection.operation("send", { queueUrl: queue.url, largePayload: { bucket, always: true } }).execute(documents),
    );
    assert.ok(failure instanceof ConnectorError && failure.code === "PAYLOAD_ACCESS_DENIED", String(failure));
    assert.deepEqual(
      results.map((r) => r.index),
      [...results.keys()],
    );
    assert.ok(results.every((r) => r.status === "error"));
    assert.equal(await env.depth(queue.url), 0);
  });

  it("sending: SQS refusing the message removes its object; the result says so", async () => {
    const queue = await env.queue("refused");
    const bucket = await s3.bucket();
    gate = (request) => {
      if (request.action !== "SendMessageBatch") return undefined;
      const entries = (JSON.parse(request.body) as { Entries: Array<{ Id: string }> }).Entries;
      const failed = entries.map(({ Id }) => ({ Id, SenderFault: true, Code: "InvalidParameterValue", Message: "injected refusal" }));
      return { status: 200, body: { Successful: [], Failed: failed } };
    };
    const connection = await proxied();
    const results = await collect(
      connection.operation("send", { queueUrl: queue.url, largePayload: { bucket, always: true } }).execute([{ body: "a" }, { body: "b" }]),
    );
    for (const { error } of errorsOf(results)) {
      assert.equal(error.code, "PARAMETER_INVALID");
      assert.equal((error.details?.["largePayload"] as { kept: boolean }).kept, false);
    }
    assert.equal(errorsOf(results).length, 2);
    assert.deepEqual(await s3.keys(bucket), []);
  });

  it("sending: a refusal of the whole call (credentials) removes the objects of its batch", async () => {
    const queue = await env.queue("denied");
    const bucket = await s3.bucket();
    gate = (request) =>
      request.action === "SendMessageBatch"
        ? { status: 400, body: { __type: "com.amazonaws.sqs#AccessDenied", message: "injected denial" } }
        : undefined;
    const connection = await proxied();
    const { results, failure } = await untilFailure(
      connection.operation("send", { queueUrl: queue.url, largePayload: { bucket, always: true } }).execute([{ body: "a" }, { body: "b" }]),
    );
    assert.ok(failure instanceof ConnectorError && failure.code === "ACCESS_DENIED");
    assert.equal(results.length, 2);
    assert.deepEqual(await s3.keys(bucket), []);
  });

  it("sending: when the outcome is unknown (the answer lost) the object is kept, the result says where, and the message that did arrive is whole", async () => {
    const queue = await env.queue("unknown");
    const bucket = await s3.bucket();
    const connection = await proxied({ rate: 1, faults: ["resetAfter"], actions: ["SendMessageBatch"] }, { maxAttempts: 1 });
    const [result] = await collect(
      connection
        .operation("send", { queueUrl: queue.url, maxEntryAttempts: 1, largePayload: { bucket, always: true } })
        .execute([{ body: "maybe" }]),
    );
    assert.equal(result!.status, "error");
    const { error } = result as ErrorResult;
    assert.equal(error.code, "NETWORK_ERROR");
    const kept = error.details?.["largePayload"] as { bucket: string; key: string; kept: boolean };
    assert.equal(kept.kept, true);
    assert.match(error.message, new RegExp(`s3://${bucket}/${kept.key}`));
    const [message] = successes(
      await collect<ReceivedMessage>(
        s3.connect().operation("receive", { queueUrl: queue.url, waitTimeSeconds: 0, largePayload: { bucket } }).execute(),
      ),
    );
    assert.equal(message!.body, "maybe");
    assert.equal(message!.largePayload!.key, kept.key);
  });
});
