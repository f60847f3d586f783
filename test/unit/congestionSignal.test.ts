import assert from "node:assert/strict";
import { GetQueueAttributesCommand, SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import { watchCongestion } from "../../connector/congestionSignal.js";
import { fakeSqs, isolateNetwork, KEYS, ORIGIN, queueUrl, REGION, sqsFault, type SqsReply } from "../support/sqsNock.js";

/*
 * What adaptive concurrency halves on: the middleware the connection puts on its
 * clients counts every attempt the service throttled or failed on its side (the
 * SDK's retries included), and batch entries failed on the service's side; the
 * sender's own faults count for nothing.
 */
describe("congestion signal (nock)", () => {
  isolateNetwork();

  const cases: Array<[string, SqsReply, number]> = [
    ["a 503 on each of two attempts", sqsFault(503, "ServiceUnavailable", "slow down"), 2],
    ["a 500 on each of two attempts", sqsFault(500, "InternalError", "oops"), 2],
    ["throttling (400 ThrottlingException) on each of two attempts", sqsFault(400, "ThrottlingException", "Rate exceeded"), 2],
    ["a refusal that is the sender's fault (400 QueueDoesNotExist)", sqsFault(400, "QueueDoesNotExist", "no queue"), 0],
    [
      "a batch entry failed on the service's side",
      [200, { Successful: [], Failed: [{ Id: "0", Code: "InternalError", SenderFault: false }] }],
      1,
    ],
    [
      "a batch entry failed by the sender's fault",
      [200, { Successful: [], Failed: [{ Id: "0", Code: "InvalidParameterValue", SenderFault: true }] }],
      0,
    ],
    ["a success", [200, { Successful: [{ Id: "0", MessageId: "m", MD5OfMessageBody: "x" }], Failed: [] }], 0],
  ];
  for (const [what, reply, events] of cases) {
    it(`counts ${events} for ${what}`, async () => {
      fakeSqs(() => reply);
      const client = new SQSClient({ region: REGION, endpoint: ORIGIN, credentials: { ...KEYS }, maxAttempts: 2, md5: false });
      const signal = watchCongestion(client);
      await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl("q"), Entries: [{ Id: "0", MessageBody: "x" }] })).catch(() => {});
      client.destroy();
      assert.equal(signal.events, events);
    });
  }

  it("counts on one signal for every client it watches (services throttle by account)", async () => {
    fakeSqs(() => sqsFault(503, "ServiceUnavailable", "slow down"));
    const clients = [0, 1].map(() => new SQSClient({ region: REGION, endpoint: ORIGIN, credentials: { ...KEYS }, maxAttempts: 1 }));
    const signal = watchCongestion(clients[0]!);
    watchCongestion(clients[1]!, signal);
    for (const client of clients) await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl("q") })).catch(() => {});
    for (const client of clients) client.destroy();
    assert.equal(signal.events, 2);
  });
});
