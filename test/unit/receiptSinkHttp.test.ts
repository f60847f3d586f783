import assert from "node:assert/strict";
import { connect } from "../../connector/connection.js";
import { ConnectorError } from "../../core/errors.js";
import { collect } from "../support/embeddedSqs.js";
import { codes } from "../support/listening.js";
import { connectionFor, fakeSqs, isolateNetwork, queueUrl } from "../support/sqsNock.js";

type Entry = { Id: string; ReceiptHandle: string; VisibilityTimeout?: number };
const entries = (input: Record<string, unknown>) => input["Entries"] as Entry[];

/** How SQS reports receipt-handle problems per batch entry, as the JSON protocol sends them. */
const REFUSALS: Array<[string, { Code: string; Message: string }, string]> = [
  [
    "an unknown receipt handle",
    { Code: "ReceiptHandleIsInvalid", Message: "The input receipt handle is invalid." },
    "RECEIPT_HANDLE_INVALID",
  ],
  [
    "an expired receipt handle (FIFO queues)",
    {
      Code: "InvalidParameterValue",
      Message: "Value rh-1 for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.",
    },
    "RECEIPT_HANDLE_INVALID",
  ],
  [
    "a message no longer in flight",
    {
      Code: "AWS.SimpleQueueService.MessageNotInflight",
      Message: "Message does not exist or is not available for visibility timeout change.",
    },
    "MESSAGE_NOT_INFLIGHT",
  ],
  [
    "an extension past the 12-hour cap",
    {
      Code: "InvalidParameterValue",
      Message:
        "Value 43200 for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]",
    },
    "VISIBILITY_LIMIT_REACHED",
  ],
];

describe("changeVisibility and delete over HTTP (nock: SQS's per-entry refusals)", () => {
  isolateNetwork();
  const queue = queueUrl("jobs");

  it("sends ChangeMessageVisibilityBatch with the configured timeout, a document's own winning, one result per document", async () => {
    const sqs = fakeSqs((_action, input) => [200, { Successful: entries(input).map((e) => ({ Id: e.Id })), Failed: [] }]);
    const connection = connect(connectionFor());
    const results = await collect(
      connection.operation("changeVisibility", { visibilityTimeout: 120 }).execute([
        { receiptHandle: "rh-1", queueUrl: queue, messageId: "m1" },
        { receiptHandle: "rh-2", queueUrl: queue, visibilityTimeout: 0 },
      ]),
    );
    connection.close();
    assert.deepEqual(
      results.map((r) => r.status === "success" && r.document),
      [
        { visibilityTimeout: 120, queueUrl: queue, messageId: "m1" },
        { visibilityTimeout: 0, queueUrl: queue },
      ],
    );
    assert.deepEqual(
      sqs.of("ChangeMessageVisibilityBatch").flatMap((c) => entries(c.input)),
      [
        { Id: "0", ReceiptHandle: "rh-1", VisibilityTimeout: 120 },
        { Id: "1", ReceiptHandle: "rh-2", VisibilityTimeout: 0 },
      ],
    );
  });

  for (const [what, refusal, code] of REFUSALS) {
    it(`reports ${what} as ${code}, next to a document that succeeds`, async () => {
      fakeSqs((_action, input) => {
        const [first, ...rest] = entries(input);
        return [200, { Failed: [{ Id: first!.Id, SenderFault: true, ...refusal }], Successful: rest.map((e) => ({ Id: e.Id })) }];
      });
      const connection = connect(connectionFor());
      const documents = [
        { receiptHandle: "rh-1", queueUrl: queue },
        { receiptHandle: "rh-2", queueUrl: queue },
      ];
      const changed = await collect(connection.operation("changeVisibility", { visibilityTimeout: 30 }).execute(documents));
      connection.close();
      assert.deepEqual(codes(changed), [code, "ok"]);
      assert.equal(changed[0]!.status === "error" && changed[0]!.error.field, "receiptHandle");
    });
  }

  it("reports a delete with an expired receipt handle (FIFO queues) as RECEIPT_HANDLE_INVALID", async () => {
    fakeSqs((_action, input) => [200, { Failed: [{ Id: entries(input)[0]!.Id, SenderFault: true, ...REFUSALS[1]![1] }], Successful: [] }]);
    const connection = connect(connectionFor());
    const deleted = await collect(connection.operation("delete").execute([{ receiptHandle: "rh-1", queueUrl: queueUrl("jobs.fifo") }]));
    connection.close();
    assert.deepEqual(codes(deleted), ["RECEIPT_HANDLE_INVALID"]);
    assert.match(deleted[0]!.status === "error" ? deleted[0]!.error.message : "", /receipt handle has expired/);
  });

  it("refuses a visibilityTimeout outside 0..43200 before any call, naming the field", async () => {
    const sqs = fakeSqs(() => [500, {}]);
    const connection = connect(connectionFor());
    const results = await collect(
      connection.operation("changeVisibility").execute([{ receiptHandle: "rh-1", queueUrl: queue, visibilityTimeout: 43_201 }]),
    );
    connection.close();
    assert.deepEqual(codes(results), ["DOCUMENT_INVALID"]);
    assert.equal(results[0]!.status === "error" && results[0]!.error.field, "visibilityTimeout");
    assert.equal(sqs.calls.length, 0);
    const other = connect(connectionFor());
    assert.throws(() => other.operation("changeVisibility", { visibilityTimeout: -1 }), /visibilityTimeout/);
    other.close();
  });

  it("says listen is a listener when asked for it as a batch operation, and refuses its queue URLs on other hosts at once", () => {
    const connection = connect(connectionFor());
    assert.throws(() => connection.operation("listen", { queueName: "q" }), /listener.*connection\.listen/);
    const elsewhere = "https://sqs.example.net/123456789012/jobs";
    for (const config of [{ queueUrl: elsewhere }, { queueUrl: queue, maxReceives: 2, deadLetterQueueUrl: elsewhere }]) {
      assert.throws(
        () => connection.listen(config, () => {}),
        (error: unknown) => error instanceof ConnectorError && error.code === "QUEUE_URL_REFUSED",
      );
    }
    connection.close();
  });
});
