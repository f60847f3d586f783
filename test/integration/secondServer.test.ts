import assert from "node:assert/strict";
import { connect, type Connection } from "../../connector/connection.js";
import { ConnectorError } from "../../core/errors.js";
import type { ReceivedMessage } from "../../core/generated/receive.output.js";
import { EMBEDDED_CREDENTIALS } from "../../host/embeddedSqs.js";
import { collect, errorCodes, successes } from "../support/embeddedSqs.js";
import { startSecondSqsServer, type SecondSqsServer } from "../support/secondSqsServer.js";

describe("a second, independently written SQS server (local-aws-sqs, JSON protocol)", () => {
  let server: SecondSqsServer;
  let connection: Connection;
  before(async () => {
    server = await startSecondSqsServer();
    connection = connect({ authType: "accessKeys", ...EMBEDDED_CREDENTIALS, region: "us-east-1", endpoint: server.endpoint });
  });
  after(async () => {
    connection?.close();
    await server?.stop();
  });

  it("sends, receives with system and message attributes, and deletes on a FIFO queue", async () => {
    await server.createQueue("readings.fifo", { ContentBasedDeduplication: "true" });
    const documents = ["gh-1", "gh-2", "gh-1"].map((deviceId, i) => ({
      body: { deviceId, t: 20 + i },
      messageAttributes: { reading: { DataType: "Number", StringValue: `${20 + i}.5` }, unit: { DataType: "String", StringValue: "C" } },
    }));
    const sent = await collect(
      connection.operation("send", { queueName: "readings.fifo", messageGroupIdPointer: "/deviceId" }).execute(documents),
    );
    assert.deepEqual(errorCodes(sent), [undefined, undefined, undefined]);

    const received = successes(
      await collect<ReceivedMessage>(
        connection.operation("receive", { queueName: "readings.fifo", waitTimeSeconds: 1, maxMessages: 3, bodyEncoding: "json" }).execute(),
      ),
    );
    assert.equal(received.length, 3);
    for (const message of received) {
      // Servers that read only the older AttributeNames return none when asked with MessageSystemAttributeNames alone.
      assert.ok(message.attributes["SentTimestamp"], "system attributes come back");
      assert.equal(message.attributes["MessageGroupId"], (message.body as { deviceId: string }).deviceId);
      assert.equal(message.messageAttributes["unit"]?.StringValue, "C");
    }

    const deleted = await collect(connection.operation("delete").execute(received));
    assert.deepEqual(errorCodes(deleted), [undefined, undefined, undefined]);
  });

  it("reports a receipt handle the server does not know as RECEIPT_HANDLE_INVALID, next to a good one", async () => {
    const url = await server.createQueue("handles");
    await collect(connection.operation("send", { queueUrl: url }).execute([{ body: "x" }]));
    const [good] = successes(
      await collect<ReceivedMessage>(connection.operation("receive", { queueUrl: url, waitTimeSeconds: 1 }).execute()),
    );
    const results = await collect(
      connection
        .operation("delete", { queueUrl: url })
        .execute([{ receiptHandle: "not-a-handle" }, { receiptHandle: good!.receiptHandle }]),
    );
    assert.deepEqual(errorCodes(results), ["RECEIPT_HANDLE_INVALID", undefined]);
  });

  it("fails the run with QUEUE_NOT_FOUND for a queue the server does not have", async () => {
    await assert.rejects(
      collect(connection.operation("send", { queueName: "nowhere" }).execute([{ body: "x" }])),
      (error: unknown) => error instanceof ConnectorError && error.code === "QUEUE_NOT_FOUND",
    );
  });
});
