import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { connect } from "../../connector/connection.js";
import { Readable } from "node:stream";
import { ConnectorError } from "../../core/errors.js";
import { readNdjson } from "../../host/ndjsonInput.js";
import { collect, errorCodes } from "../support/embeddedSqs.js";
import { connectionFor, fakeSqs, isolateNetwork, queueUrl, sendBatchReply, sqsFault } from "../support/sqsNock.js";

type Entry = { Id: string; MessageBody: string; MessageDeduplicationId?: string; MessageGroupId?: string };
const entriesOf = (input: Record<string, unknown>) => input["Entries"] as Entry[];
const fifoAttributes = { Attributes: { FifoQueue: "true", ContentBasedDeduplication: "false", MaximumMessageSize: "1048576" } };
const standardAttributes = { Attributes: { FifoQueue: "false", MaximumMessageSize: "1048576" } };

describe("send over HTTP (nock: faults the emulator cannot produce)", () => {
  isolateNetwork();

  it("retries throttled batches with identical entries, then reports every document once", async () => {
    const sqs = fakeSqs((action, input, n) => {
      if (action === "GetQueueAttributes") return [200, fifoAttributes];
      return n <= 2 ? sqsFault(400, "ThrottlingException", "Rate exceeded", "Throttling") : sendBatchReply(input);
    });
    const connection = connect(connectionFor());
    const results = await collect(
      connection
        .operation("send", { queueUrl: queueUrl("t.fifo"), messageGroupId: "g", messagesPerGroupPerBatch: 10 })
        .execute([{ body: "a" }, { body: "b" }]),
    );
    connection.close();
    assert.deepEqual(errorCodes(results), [undefined, undefined]);
    const attempts = sqs.of("SendMessageBatch").map((c) => JSON.stringify(c.input["Entries"]));
    assert.equal(attempts.length, 3);
    assert.equal(new Set(attempts).size, 1, "every retry sends the same entries (ids and deduplication ids)");
  });

  it("reports THROTTLED (retryable) when throttling outlasts every attempt, without failing the operation", async () => {
    fakeSqs((action) =>
      action === "GetQueueAttributes" ? [200, standardAttributes] : sqsFault(400, "RequestThrottled", "slow down", "RequestThrottled"),
    );
    const connection = connect(connectionFor({ maxAttempts: 1 }));
    const results = await collect(
      connection.operation("send", { queueUrl: queueUrl("t"), maxEntryAttempts: 2 }).execute([{ body: "a" }, { body: "" }]),
    );
    connection.close();
    assert.deepEqual(errorCodes(results), ["THROTTLED", "MESSAGE_BODY_EMPTY"]);
    assert.equal(results[0]!.status === "error" && results[0]!.error.retryable, true);
  });

  it("resends only the entries SQS failed on its side, under their original ids; refused entries fail alone", async () => {
    const sqs = fakeSqs((action, input, n) => {
      if (action === "GetQueueAttributes") return [200, fifoAttributes];
      if (n === 1) {
        return sendBatchReply(input, [
          { Id: "1", SenderFault: false, Code: "InternalError", Message: "try again" },
          { Id: "3", SenderFault: false, Code: "ServiceUnavailable" },
          { Id: "4", SenderFault: true, Code: "InvalidParameterValue", Message: "bad attribute" },
        ]);
      }
      return sendBatchReply(input);
    });
    const connection = connect(connectionFor());
    const docs = ["a", "b", "c", "d", "e"].map((body) => ({ body }));
    const results = await collect(
      connection.operation("send", { queueUrl: queueUrl("p.fifo"), messageGroupId: "g", messagesPerGroupPerBatch: 10 }).execute(docs),
    );
    connection.close();
    assert.deepEqual(errorCodes(results), [undefined, undefined, undefined, undefined, "PARAMETER_INVALID"]);
    assert.match(results[4]!.status === "error" ? results[4]!.error.message : "", /InvalidParameterValue: bad attribute/);
    const [first, second] = sqs.of("SendMessageBatch").map((c) => entriesOf(c.input));
    assert.deepEqual(
      second!.map((e) => e.Id),
      ["1", "3"],
    );
    for (const retried of second!)
      assert.deepEqual(
        retried,
        first!.find((e) => e.Id === retried.Id),
      );
  });

  it("sends a throttled entry again even when SQS marks it SenderFault; a KMS.* entry is a KMS error", async () => {
    const sqs = fakeSqs((action, input, n) => {
      if (action === "GetQueueAttributes") return [200, standardAttributes];
      if (n > 1) return sendBatchReply(input);
      return sendBatchReply(input, [
        { Id: "0", SenderFault: true, Code: "RequestThrottled", Message: "Rate exceeded" },
        { Id: "1", SenderFault: true, Code: "KMS.DisabledException", Message: "The key is disabled" },
      ]);
    });
    const connection = connect(connectionFor());
    const results = await collect(connection.operation("send", { queueUrl: queueUrl("s") }).execute([{ body: "a" }, { body: "b" }]));
    connection.close();
    assert.deepEqual(errorCodes(results), [undefined, "KMS_ERROR"]);
    assert.deepEqual(
      sqs.of("SendMessageBatch").map((c) => entriesOf(c.input).map((e) => e.Id)),
      [["0", "1"], ["0"]],
    );
  });

  it("retries server errors (5xx) and succeeds", async () => {
    const sqs = fakeSqs((action, input, n) => {
      if (action === "GetQueueAttributes") return [200, standardAttributes];
      return n === 1 ? sqsFault(500, "InternalError", "boom") : n === 2 ? [503, "Service Unavailable"] : sendBatchReply(input);
    });
    const connection = connect(connectionFor());
    const results = await collect(connection.operation("send", { queueUrl: queueUrl("s") }).execute([{ body: "x" }]));
    connection.close();
    assert.deepEqual(errorCodes(results), [undefined]);
    assert.equal(sqs.of("SendMessageBatch").length, 3);
  });

  it("splits a batch SQS refuses as a whole, so only the bad entry fails", async () => {
    fakeSqs((action, input) => {
      if (action === "GetQueueAttributes") return [200, standardAttributes];
      const entries = entriesOf(input);
      return entries.some((e) => e.MessageBody === "poison")
        ? sqsFault(400, "InvalidMessageContents", "Invalid characters")
        : sendBatchReply(input);
    });
    const connection = connect(connectionFor());
    const results = await collect(
      connection.operation("send", { queueUrl: queueUrl("s") }).execute(["a", "poison", "c"].map((body) => ({ body }))),
    );
    connection.close();
    assert.deepEqual(errorCodes(results), [undefined, "MESSAGE_BODY_INVALID_CHARACTERS", undefined]);
  });

  it("fails the operation on AccessDenied for SendMessage, after giving every taken document a result", async () => {
    fakeSqs((action) =>
      action === "GetQueueAttributes"
        ? [200, standardAttributes]
        : sqsFault(403, "AccessDenied", "not authorized to perform: sqs:sendmessage"),
    );
    const connection = connect(connectionFor());
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const result of connection.operation("send", { queueUrl: queueUrl("s") }).execute([{ body: "a" }, { body: "b" }])) {
          seen.push(result.status === "error" ? result.error.code : "ok");
        }
      })(),
      (error: unknown) => error instanceof ConnectorError && error.code === "ACCESS_DENIED" && /sqs:sendmessage/.test(error.message),
    );
    connection.close();
    assert.deepEqual(seen, ["ACCESS_DENIED", "ACCESS_DENIED"]);
  });

  describe("least privilege: only sqs:SendMessage", () => {
    const denied = sqsFault(403, "AccessDenied", "User is not authorized to perform: sqs:GetQueueAttributes");

    it("still sends to a FIFO queue: FIFO from the suffix, deduplication by body hash, 1 MiB limit", async () => {
      const sqs = fakeSqs((action, input) => (action === "GetQueueAttributes" ? denied : sendBatchReply(input)));
      const connection = connect(connectionFor());
      const results = await collect(
        connection
          .operation("send", { queueUrl: queueUrl("orders.fifo"), messageGroupId: "g" })
          .execute([{ body: "hello" }, { body: "x".repeat(1048577) }]),
      );
      connection.close();
      assert.deepEqual(errorCodes(results), [undefined, "MESSAGE_TOO_LARGE"]);
      const [entry] = entriesOf(sqs.of("SendMessageBatch")[0]!.input);
      assert.equal(entry!.MessageGroupId, "g");
      assert.equal(entry!.MessageDeduplicationId, createHash("sha256").update("hello").digest("hex"));
    });

    it("asks for queueUrl when the queue is named but GetQueueUrl is denied", async () => {
      fakeSqs(() => sqsFault(403, "AccessDenied", "not authorized to perform: sqs:GetQueueUrl"));
      const connection = connect(connectionFor());
      await assert.rejects(collect(connection.operation("send", { queueName: "orders" }).execute([{ body: "x" }])), (error: unknown) => {
        return error instanceof ConnectorError && error.code === "QUEUE_URL_REQUIRED" && error.field === "queueUrl";
      });
      connection.close();
    });
  });

  it("signs every request with the connection's keys (verified like the service would)", async () => {
    const sqs = fakeSqs((action, input) => (action === "GetQueueAttributes" ? [200, standardAttributes] : sendBatchReply(input)));
    const connection = connect(connectionFor());
    await collect(connection.operation("send", { queueUrl: queueUrl("s") }).execute([{ body: "signed" }]));
    connection.close();
    assert.ok(sqs.calls.length >= 2);
    assert.ok(sqs.calls.every((c) => c.signedBy === "AKIAUNITTEST00000001"));
  });

  it('sends a message attribute named "__proto__" (a valid SQS name) from NDJSON input, with its neighbours', async () => {
    const sqs = fakeSqs((action, input) => (action === "GetQueueAttributes" ? [200, standardAttributes] : sendBatchReply(input)));
    const line =
      '{"body":"x","messageAttributes":{"__proto__":{"DataType":"String","StringValue":"p"},"trace":{"DataType":"Number","StringValue":"1"}}}\n';
    const documents = (async function* () {
      for await (const parsed of readNdjson(Readable.from([Buffer.from(line)]))) if (parsed.kind === "document") yield parsed.value;
    })();
    const connection = connect(connectionFor());
    const results = await collect(connection.operation("send", { queueUrl: queueUrl("t") }).execute(documents));
    connection.close();
    assert.deepEqual(errorCodes(results), [undefined]);
    const [entry] = sqs.of("SendMessageBatch")[0]!.input["Entries"] as Array<{
      MessageAttributes: Record<string, { StringValue: string }>;
    }>;
    assert.deepEqual(Object.keys(entry!.MessageAttributes), ["__proto__", "trace"]);
    const own = Object.getOwnPropertyDescriptor(entry!.MessageAttributes, "__proto__")?.value as { StringValue: string } | undefined;
    assert.equal(own?.StringValue, "p");
  });
});
