import assert from "node:assert/strict";
import { connect } from "../../connector/connection.js";
import { ConnectorError } from "../../core/errors.js";
import { runCli, tempFiles } from "../support/cli.js";
import { collect, errorCodes, useEmbeddedSqs } from "../support/embeddedSqs.js";
import { useRecordingListener } from "../support/recordingListener.js";
import { connectionFor, fakeSqs, isolateNetwork, KEYS, queueUrl, REGION, sendBatchReply } from "../support/sqsNock.js";

/*
 * A queue URL may name any host; signed requests must still go only where the
 * connection says. A listener on 127.0.0.1 records whatever reaches it: after
 * every test, nothing has.
 */
describe("queue URLs that name another host: nothing is sent there", function () {
  this.timeout(30_000);
  const listener = useRecordingListener();
  afterEach(() => assert.deepEqual(listener.received, [], "something reached the host a queue URL named"));
  const listenerUrls = () => [`http://${listener.host}/123456789012/q`, `https://${listener.host}/123456789012/q`];
  const refused = (error: unknown) => error instanceof ConnectorError && error.code === "QUEUE_URL_REFUSED" && error.field === "queueUrl";

  describe(`without an endpoint override (Amazon SQS in ${REGION})`, () => {
    isolateNetwork();

    it("refuses the URL in every operation's configuration, before anything is signed", () => {
      const connection = connect(connectionFor());
      for (const url of listenerUrls()) {
        for (const operation of ["send", "receive", "delete", "changeVisibility"]) {
          assert.throws(() => connection.operation(operation, { queueUrl: url }), refused, `${operation} ${url}`);
        }
        assert.throws(() => connection.listen({ queueUrl: url }, () => {}), refused, `listen ${url}`);
        assert.throws(
          () => connection.listen({ queueName: "q", deadLetterQueueUrl: url }, () => {}),
          (error: unknown) => error instanceof ConnectorError && error.code === "QUEUE_URL_REFUSED" && error.field === "deadLetterQueueUrl",
          `listen's dead-letter queue ${url}`,
        );
      }
      connection.close();
    });

    it("fails Test connection at the queue URL, naming why", async () => {
      const connection = connect(connectionFor());
      for (const url of listenerUrls()) {
        const report = await connection.test({ queueUrl: url });
        assert.equal(report.ok, false);
        assert.equal(report.code, "QUEUE_URL_REFUSED");
        assert.match(report.message, /not an SQS host of that region/);
        assert.deepEqual(
          report.checks.map((c) => c.name),
          ["Queue URL"],
        );
      }
      connection.close();
    });

    for (const { operation, action, verb, handles } of [
      { operation: "delete", action: "DeleteMessageBatch", verb: "deleted", handles: ["a", "b", "c", "d"] },
      { operation: "changeVisibility", action: "ChangeMessageVisibilityBatch", verb: "changed", handles: ["a", "b", "c"] },
    ]) {
      it(`gives a ${operation} document naming the host its own error; its neighbours are ${verb}`, async () => {
        const sqs = fakeSqs((_action, input) => [
          200,
          { Successful: (input["Entries"] as Array<{ Id: string }>).map(({ Id }) => ({ Id })), Failed: [] },
        ]);
        const connection = connect(connectionFor());
        const [http, https] = listenerUrls();
        // The second and third documents name a host of their own; the others use the configured queue.
        const documents = handles.map((receiptHandle, i) => ({
          receiptHandle,
          ...(i === 1 ? { queueUrl: http } : i === 2 ? { queueUrl: https } : {}),
        }));
        const results = await collect(connection.operation(operation, { queueUrl: queueUrl("q") }).execute(documents));
        connection.close();
        assert.deepEqual(
          errorCodes(results),
          handles.map((_, i) => (i === 1 || i === 2 ? "QUEUE_URL_REFUSED" : undefined)),
        );
        assert.deepEqual(
          sqs.of(action).flatMap((c) => (c.input["Entries"] as Array<{ ReceiptHandle: string }>).map((e) => e.ReceiptHandle)),
          handles.filter((_, i) => i !== 1 && i !== 2),
        );
      });
    }

    it("sends a legacy queue URL's requests to the region's SQS endpoint, not to the host it names", async () => {
      const legacy = `https://${REGION}.queue.amazonaws.com/123456789012/q`;
      const sqs = fakeSqs((action, input) =>
        action === "GetQueueAttributes" ? [200, { Attributes: { FifoQueue: "false" } }] : sendBatchReply(input),
      );
      const connection = connect(connectionFor());
      const results = await collect(connection.operation("send", { queueUrl: legacy }).execute([{ body: "x" }]));
      connection.close();
      assert.deepEqual(errorCodes(results), [undefined]);
      assert.deepEqual(
        sqs.calls.map((c) => c.input["QueueUrl"]),
        [legacy, legacy],
      );
    });

    it("refuses --queue-url on the CLI (exit 2) and in test-connection (exit 1)", async () => {
      const file = tempFiles({ "connection.json": { authType: "accessKeys", ...KEYS, region: REGION } });
      for (const url of listenerUrls()) {
        const send = await runCli(["send", "--connection", file("connection.json"), "--queue-url", url], { stdin: '{"body":"x"}\n' });
        assert.equal(send.code, 2, send.stderr);
        assert.match(send.stderr, /QUEUE_URL_REFUSED: queueUrl http/);
        const test = await runCli(["test-connection", "--connection", file("connection.json"), "--queue-url", url]);
        assert.equal(test.code, 1, test.stderr);
        assert.equal((JSON.parse(test.stdout) as { code: string }).code, "QUEUE_URL_REFUSED");
      }
    });
  });

  describe("with an endpoint override (the embedded SQS): requests go to the endpoint alone", () => {
    const env = useEmbeddedSqs();

    it("asks the endpoint about the queue the URL names, in operations, documents and Test connection", async () => {
      const connection = env.connect();
      const { url: realQueue } = await env.queue("elsewhere");
      for (const url of listenerUrls()) {
        // The emulator knows no queue by that URL: its answer proves where the request went.
        await assert.rejects(collect(connection.operation("send", { queueUrl: url }).execute([{ body: "x" }])), {
          code: "QUEUE_NOT_FOUND",
        });
        const report = await connection.test({ queueUrl: url });
        assert.equal(report.code, "QUEUE_NOT_FOUND", JSON.stringify(report));
        const results = await collect(
          connection.operation("delete", { queueUrl: realQueue }).execute([{ receiptHandle: "r", queueUrl: url }]),
        ).catch((error: unknown) => [error]);
        assert.equal(results.length, 1);
      }
    });
  });
});
