import assert from "node:assert/strict";
import { connect } from "../../connector/connection.js";
import { ConnectorError } from "../../core/errors.js";
import type { OperationResult } from "../../core/types.js";
import { errorCodes } from "../support/embeddedSqs.js";
import { connectionFor, fakeSqs, isolateNetwork, queueUrl, sendBatchReply, sqsFault, type SqsReply } from "../support/sqsNock.js";

const standardQueue: SqsReply = [200, { Attributes: { FifoQueue: "false", MaximumMessageSize: "1048576" } }];
const documents = Array.from({ length: 25 }, (_, i) => ({ body: `reading ${i}` }));
const CLOCK_MESSAGE = "Signature expired: 20260101T000000Z is now earlier than 20260101T001000Z (20260101T001500Z - 5 min.)";

/** Runs send over the documents; returns the results taken before the operation failed, and the failure. */
async function sendAll(docs: unknown[], connectionOverrides: Record<string, unknown> = {}) {
  const connection = connect(connectionFor(connectionOverrides));
  const results: OperationResult[] = [];
  let failure: unknown;
  try {
    for await (const result of connection.operation("send", { queueUrl: queueUrl("readings"), concurrency: 1 }).execute(docs)) {
      results.push(result);
    }
  } catch (error) {
    failure = error;
  } finally {
    connection.close();
  }
  return { results, failure };
}

/**
 * A send of 25 documents refused as a whole used to be split into one call per
 * document: 3 batches + 25 single calls = 28 SendMessageBatch calls, and 63 for
 * the clock error, which the SDK retries until its retry quota is spent. A
 * refusal that is not about a document now stops the run after its batch.
 */
describe("whole-batch refusals (nock: 25 documents)", () => {
  isolateNetwork();

  const authCases: Array<[string, SqsReply, string]> = [
    [
      "NotAuthorized",
      sqsFault(400, "NotAuthorized", "You do not have permission to perform this action.", "NotAuthorized"),
      "ACCESS_DENIED",
    ],
    [
      "OptInRequired",
      sqsFault(403, "OptInRequired", "The AWS access key ID needs a subscription for the service.", "OptInRequired"),
      "OPT_IN_REQUIRED",
    ],
    ["RequestExpired", sqsFault(400, "RequestExpired", "Request has expired.", "RequestExpired"), "CLOCK_SKEW"],
    [
      "InvalidSignatureException",
      sqsFault(400, "InvalidSignatureException", "The request signature we calculated does not match."),
      "AUTH_FAILED",
    ],
    [
      "IncompleteSignatureException",
      sqsFault(400, "IncompleteSignatureException", "Authorization header requires 'Signature'."),
      "AUTH_FAILED",
    ],
    [
      "MissingAuthenticationTokenException",
      sqsFault(403, "MissingAuthenticationTokenException", "Missing Authentication Token"),
      "AUTH_FAILED",
    ],
  ];
  for (const [name, reply, code] of authCases) {
    it(`${name}: one SendMessageBatch call (was 28), the run fails with ${code} and every document has that result`, async () => {
      const sqs = fakeSqs((action) => (action === "GetQueueAttributes" ? standardQueue : reply));
      const { results, failure } = await sendAll(documents);
      assert.equal(sqs.of("SendMessageBatch").length, 1);
      assert.ok(failure instanceof ConnectorError && failure.code === code, String(failure));
      assert.equal(results.length, 25);
      assert.deepEqual(new Set(errorCodes(results)), new Set([code]));
    });
  }

  it('"Signature expired" after the SDK\'s own attempts: maxAttempts calls (was 63), CLOCK_SKEW telling to fix the clock', async () => {
    const sqs = fakeSqs((action) =>
      action === "GetQueueAttributes" ? standardQueue : sqsFault(400, "InvalidSignatureException", CLOCK_MESSAGE),
    );
    const { results, failure } = await sendAll(documents);
    assert.equal(sqs.of("SendMessageBatch").length, 3, "the SDK retries a clock error (maxAttempts 3); nothing more");
    assert.ok(failure instanceof ConnectorError && failure.code === "CLOCK_SKEW", String(failure));
    assert.match(failure.message, /clock/);
    assert.equal(failure.kind, "auth");
    assert.deepEqual(new Set(errorCodes(results)), new Set(["CLOCK_SKEW"]));
  });

  it("an unknown whole-batch refusal fails its batch's documents, without one call per document", async () => {
    const sqs = fakeSqs((action) => (action === "GetQueueAttributes" ? standardQueue : sqsFault(400, "SomethingNew", "no idea")));
    const { results, failure } = await sendAll(documents);
    assert.equal(failure, undefined);
    assert.equal(sqs.of("SendMessageBatch").length, 3);
    assert.deepEqual(new Set(errorCodes(results)), new Set(["SQS_REQUEST_REJECTED"]));
  });

  it("a refusal about a document's content is still split, so only that document fails", async () => {
    const sqs = fakeSqs((action, input) => {
      if (action === "GetQueueAttributes") return standardQueue;
      const bodies = (input["Entries"] as Array<{ MessageBody: string }>).map((e) => e.MessageBody);
      return bodies.includes("reading 3") ? sqsFault(400, "InvalidMessageContents", "Invalid binary character") : sendBatchReply(input);
    });
    const { results, failure } = await sendAll(documents);
    assert.equal(failure, undefined);
    assert.deepEqual(
      errorCodes(results).flatMap((code, i) => (code === undefined ? [] : [[i, code]])),
      [[3, "MESSAGE_BODY_INVALID_CHARACTERS"]],
    );
    assert.equal(sqs.of("SendMessageBatch").length, 3 + 10, "the first batch went again entry by entry");
  });

  it("a server clock far ahead is corrected by the SDK from its Date header: no CLOCK_SKEW, every document sent", async () => {
    const serverNow = () => Date.now() + 20 * 60_000;
    let refused = 0;
    const sqs = fakeSqs((action, input, _n, headers) => {
      const date = { date: new Date(serverNow()).toUTCString() };
      // The check a real SQS makes: the signature's date must be within 5 minutes of the server's clock.
      if (Math.abs(signedAt(headers) - serverNow()) > 5 * 60_000) {
        refused += 1;
        const [status, body, extra] = sqsFault(400, "InvalidSignatureException", CLOCK_MESSAGE);
        return [status, body, { ...extra, ...date }];
      }
      return [...(action === "GetQueueAttributes" ? standardQueue : sendBatchReply(input)), date] as SqsReply;
    });
    const { results, failure } = await sendAll(documents.slice(0, 3));
    assert.equal(failure, undefined);
    assert.deepEqual(errorCodes(results), [undefined, undefined, undefined]);
    assert.equal(refused, 1, "only the first request was refused; the SDK corrected its clock and retried");
    assert.equal(sqs.of("SendMessageBatch").length, 1);
  });
});

/** X-Amz-Date (20260101T000000Z) as epoch milliseconds. */
function signedAt(headers: Record<string, string | string[] | undefined>): number {
  const text = String(headers["x-amz-date"]);
  return Date.parse(
    `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}T${text.slice(9, 11)}:${text.slice(11, 13)}:${text.slice(13, 15)}Z`,
  );
}
