import assert from "node:assert/strict";
import { connect } from "../../connector/connection.js";
import { ConnectorError } from "../../core/errors.js";
import { collect, errorCodes } from "../support/embeddedSqs.js";
import { connectionFor, fakeSqs, isolateNetwork, md5, queueUrl, sqsFault } from "../support/sqsNock.js";

const message = (id: string, body: string) => ({ MessageId: id, ReceiptHandle: `rh-${id}`, Body: body, MD5OfBody: md5(body) });

describe("receive over HTTP (nock: what a second SQS server or a lost answer shows)", () => {
  isolateNetwork();

  it("asks for system attributes under both names, MessageSystemAttributeNames and the older AttributeNames", async () => {
    const sqs = fakeSqs(() => [200, { Messages: [] }]);
    const connection = connect(connectionFor());
    await collect(
      connection.operation("receive", { queueUrl: queueUrl("q"), waitTimeSeconds: 0, attributeNames: ["SentTimestamp"] }).execute(),
    );
    connection.close();
    const [poll] = sqs.of("ReceiveMessage");
    assert.deepEqual(poll!.input["MessageSystemAttributeNames"], ["SentTimestamp"]);
    assert.deepEqual(poll!.input["AttributeNames"], ["SentTimestamp"]);
  });

  it("FIFO: a poll sent again after a failure keeps its ReceiveRequestAttemptId; the next poll gets a new one", async () => {
    const sqs = fakeSqs((_action, _input, n) =>
      n === 1 ? sqsFault(500, "InternalError", "try again") : n === 2 ? [200, { Messages: [message("m1", "a")] }] : [200, { Messages: [] }],
    );
    const connection = connect(connectionFor({ maxAttempts: 1 }));
    const results = await collect(
      // One poller, so the polls follow one another.
      connection.operation("receive", { queueUrl: queueUrl("orders.fifo"), waitTimeSeconds: 0, maxMessages: 20, concurrency: 1 }).execute(),
    );
    connection.close();
    assert.deepEqual(errorCodes(results), [undefined]);
    const ids = sqs.of("ReceiveMessage").map((call) => call.input["ReceiveRequestAttemptId"]);
    assert.equal(ids.length, 3);
    assert.match(String(ids[0]), /^[0-9a-f-]{36}$/);
    assert.equal(ids[1], ids[0], "the failed poll, sent again, is the same attempt");
    assert.notEqual(ids[2], ids[0], "a new poll is a new attempt");
  });

  it("FIFO, several pollers (auto): a failed poll is sent again as the same attempt asking as much, not taken over by a new poll", async () => {
    // SQS may have received (and locked) messages for the attempt whose answer was lost: only the same
    // attempt id brings them back. A new poll in its place would leave them hidden for the visibility timeout.
    let lost: { id: unknown; max: unknown } | undefined;
    let next = 0;
    const batch = (count: number, prefix: string) => Array.from({ length: count }, () => message(`${prefix}${next++}`, "x"));
    const sqs = fakeSqs((_action, input) => {
      const max = Number(input["MaxNumberOfMessages"]);
      if (lost === undefined) {
        lost = { id: input["ReceiveRequestAttemptId"], max };
        return sqsFault(500, "InternalError", "the answer was lost");
      }
      return [200, { Messages: batch(max, input["ReceiveRequestAttemptId"] === lost.id ? "locked-" : "new-") }];
    });
    const connection = connect(connectionFor({ maxAttempts: 1 }));
    const results = await collect(
      connection.operation("receive", { queueUrl: queueUrl("orders.fifo"), waitTimeSeconds: 0, maxMessages: 15 }).execute(),
    );
    connection.close();
    const polls = sqs.of("ReceiveMessage").map((call) => [call.input["ReceiveRequestAttemptId"], call.input["MaxNumberOfMessages"]]);
    assert.ok(polls.length >= 2 && polls[0]![0] === lost!.id, "more than one poller started, and the first poll failed");
    const retried = polls.slice(1).filter(([id]) => id === lost!.id);
    assert.deepEqual(retried, [[lost!.id, lost!.max]], `the lost attempt sent again, asking as much: ${JSON.stringify(polls)}`);
    const ids = results.map((r) => (r.status === "success" ? (r.document as { messageId: string }).messageId : r.error.code));
    assert.equal(ids.filter((id) => id.startsWith("locked-")).length, lost!.max, "the lost attempt's messages were returned");
    assert.ok(ids.length <= 15, `no more than maxMessages: ${ids.length}`);
  });

  it("standard queues get no ReceiveRequestAttemptId (it applies to FIFO queues only)", async () => {
    const sqs = fakeSqs(() => [200, { Messages: [] }]);
    const connection = connect(connectionFor());
    await collect(connection.operation("receive", { queueUrl: queueUrl("q"), waitTimeSeconds: 0 }).execute());
    connection.close();
    assert.equal(sqs.of("ReceiveMessage")[0]!.input["ReceiveRequestAttemptId"], undefined);
  });

  it("gives up after 5 failed polls in a row across all its pollers (a replacement poller does not start the count again)", async () => {
    const sqs = fakeSqs(() => sqsFault(500, "InternalError", "down"));
    const connection = connect(connectionFor({ maxAttempts: 1 }));
    // 100 messages wanted: 10 pollers at once, each failing.
    await assert.rejects(
      collect(connection.operation("receive", { queueUrl: queueUrl("q"), waitTimeSeconds: 0, maxMessages: 100 }).execute()),
      (error: unknown) => error instanceof ConnectorError,
    );
    connection.close();
    assert.ok(sqs.of("ReceiveMessage").length <= 10, `${sqs.of("ReceiveMessage").length} polls after 5 failures in a row`);
  });
});
