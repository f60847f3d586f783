import assert from "node:assert/strict";
import { SQSClient } from "@aws-sdk/client-sqs";
import { ConnectorError } from "../../core/errors.js";
import { resolveHost, type Logger } from "../../core/host.js";
import type { SqsLimits } from "../../core/manifest.js";
import { schemaRegistry } from "../../core/schemaRegistry.js";
import type { OperationResult } from "../../core/types.js";
import { validateConfig } from "../../core/validation.js";
import type { OperationContext } from "../../operations/context.js";
import { InFlightRegistry } from "../../operations/inFlightRegistry.js";
import { startListener } from "../../operations/listen/listener.js";
import type { ValidatedListenConfig } from "../../operations/listen/listenSetup.js";
import type { ListenHandler, ListenOptions } from "../../operations/listen/listenTypes.js";
import { StreamDirectory } from "../../operations/putRecords/streamDirectory.js";
import { QueueDirectory } from "../../operations/queueDirectory.js";
import { codes } from "../support/listening.js";
import { fakeSqs, isolateNetwork, KEYS, md5, queueUrl, REGION, sqsFault, type SqsReply } from "../support/sqsNock.js";

/*
 * What the embedded SQS cannot show, against nock answering as SQS does (every
 * request's signature verified): the 12-hour cap (shrunk to seconds), several
 * messages of one FIFO group in one receive, and outages.
 */

type Entry = { Id: string; ReceiptHandle: string; VisibilityTimeout?: number };
const entries = (input: Record<string, unknown>) => input["Entries"] as Entry[];

function message(id: string, groupId?: string): Record<string, unknown> {
  const body = `body of ${id}`;
  return {
    MessageId: id,
    ReceiptHandle: `rh-${id}`,
    Body: body,
    MD5OfBody: md5(body),
    Attributes: { ApproximateReceiveCount: "1", ...(groupId === undefined ? {} : { MessageGroupId: groupId }) },
  };
}

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** An empty long poll: answered after a while, as SQS does when nothing arrives. */
const emptyPoll = async (): Promise<SqsReply> => (await later(100), [200, {}]);
const batchOk = (input: Record<string, unknown>): SqsReply => [200, { Successful: entries(input).map((e) => ({ Id: e.Id })), Failed: [] }];

/** A listener on a context of our own: SDK retries off (the listener's own policy shows), SQS's limits and the logger as given. */
function listen(
  config: Record<string, unknown>,
  handler: ListenHandler,
  options: ListenOptions,
  given: { sqsLimits?: Partial<SqsLimits>; logger?: Logger } = {},
) {
  const registry = schemaRegistry();
  // A copy: the SDK marks the credentials object it is given.
  const client = new SQSClient({ region: REGION, credentials: { ...KEYS }, maxAttempts: 1 });
  const host = resolveHost(given.logger === undefined ? {} : { logger: given.logger });
  const limits = { ...registry.manifest.sqsLimits, ...given.sqsLimits };
  const kinesis = () => Promise.reject(new Error("a listener never uses Kinesis"));
  const context: OperationContext = {
    client,
    queues: new QueueDirectory(client, limits, host.logger, { region: REGION, endpoint: undefined }),
    kinesis,
    streams: new StreamDirectory(kinesis, registry.manifest.kinesisLimits, host.logger),
    s3: () => Promise.reject(new Error("these messages are no large-payload pointers")),
    host,
    region: REGION,
    limits,
    kinesisLimits: registry.manifest.kinesisLimits,
    s3Limits: registry.manifest.s3Limits,
    registry,
    requestTimeoutMs: 5_000,
    inFlight: new InFlightRegistry(),
    congestion: { events: 0 },
  };
  const validated = validateConfig<ValidatedListenConfig>("schemas/listen.config.json", config, "listen");
  const listener = startListener(context, validated, handler, options);
  void listener.summary.finally(() => client.destroy()).catch(() => {});
  return listener;
}

describe("listen over HTTP (nock: the visibility cap, FIFO batches, outages)", function () {
  this.timeout(20_000);
  isolateNetwork();
  const queue = queueUrl("jobs");

  for (const [title, fakeCapSeconds] of [
    ["stops extending with a margin before SQS's cap and reports the late outcome as VISIBILITY_LIMIT_REACHED", 4],
    ["treats an extension SQS rejects for the cap (it does not clamp) as the limit reached", 3],
  ] as const) {
    it(title, async () => {
      const receivedAt = new Map<string, number>();
      let rejected = 0;
      const extensionEnds: number[] = [];
      const sqs = fakeSqs(async (action, input, n) => {
        if (action === "ReceiveMessage") {
          if (n > 1) return emptyPoll();
          receivedAt.set("rh-m1", Date.now());
          return [200, { Messages: [message("m1")] }];
        }
        if (action !== "ChangeMessageVisibilityBatch") return batchOk(input);
        const failed = [];
        const successful = [];
        for (const entry of entries(input)) {
          const end = Date.now() + entry.VisibilityTimeout! * 1000;
          if (end > receivedAt.get(entry.ReceiptHandle)! + fakeCapSeconds * 1000) {
            rejected += 1;
            failed.push({
              Id: entry.Id,
              SenderFault: true,
              Code: "InvalidParameterValue",
              Message: `Value ${entry.VisibilityTimeout} for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [${fakeCapSeconds} seconds]`,
            });
          } else {
            extensionEnds.push(end - receivedAt.get(entry.ReceiptHandle)!);
            successful.push({ Id: entry.Id });
          }
        }
        return [200, { Successful: successful, Failed: failed }];
      });
      const results: OperationResult[] = [];
      const reasons: string[] = [];
      const listener = listen(
        { queueUrl: queue, visibilityTimeout: 1, waitTimeSeconds: 1 },
        (_document, context) =>
          new Promise<void>((resolve) =>
            context.signal.addEventListener("abort", () => {
              reasons.push((context.signal.reason as Error).message);
              resolve();
            }),
          ),
        { onSettled: (result) => results.push(result), maxSettlements: 1 },
        { sqsLimits: { visibilityTimeoutMaxSeconds: 4 } },
      );
      await listener.summary;
      assert.deepEqual(codes(results), ["VISIBILITY_LIMIT_REACHED"]);
      assert.match(reasons[0]!, /VISIBILITY_LIMIT_REACHED/);
      assert.ok(extensionEnds.length >= 2, "the heartbeat extended the message before it ran out");
      if (fakeCapSeconds === 4) {
        assert.equal(rejected, 0, "no extension reached past the cap");
        assert.ok(Math.max(...extensionEnds) <= 4_000);
      } else {
        assert.ok(rejected >= 1);
      }
      assert.deepEqual(sqs.of("DeleteMessageBatch"), [], "the late outcome is never applied");
    });
  }

  it("releases the rest of a FIFO group's messages from the same receive when one fails, so SQS returns them in order", async () => {
    const sqs = fakeSqs(async (action, input, n) => {
      if (action === "ReceiveMessage") {
        return n === 1
          ? [200, { Messages: [message("a1", "A"), message("a2", "A"), message("a3", "A"), message("b1", "B")] }]
          : emptyPoll();
      }
      return batchOk(input);
    });
    const handled: string[] = [];
    const listener = listen(
      { queueUrl: queueUrl("jobs.fifo"), maxInFlight: 10, visibilityTimeout: 30, waitTimeSeconds: 1 },
      (document) => {
        handled.push(document.messageId);
        if (document.messageId === "a1") throw new Error("a1 failed");
      },
      { maxSettlements: 2 },
    );
    await listener.summary;
    assert.deepEqual(handled.sort(), ["a1", "b1"], "a2 and a3 are never handed over");
    const changes = sqs.of("ChangeMessageVisibilityBatch").flatMap((c) => entries(c.input));
    assert.deepEqual(changes.map((e) => [e.ReceiptHandle, e.VisibilityTimeout]).sort(), [
      ["rh-a1", 1],
      ["rh-a2", 0],
      ["rh-a3", 0],
    ]);
    assert.deepEqual(
      sqs.of("DeleteMessageBatch").flatMap((c) => entries(c.input).map((e) => e.ReceiptHandle)),
      ["rh-b1"],
    );
  });

  it("hands a FIFO group's messages over one after another, each after the previous one was acknowledged", async () => {
    const deleted: string[] = [];
    fakeSqs(async (action, input, n) => {
      if (action === "ReceiveMessage")
        return n === 1 ? [200, { Messages: [message("a1", "A"), message("a2", "A"), message("a3", "A")] }] : emptyPoll();
      if (action === "DeleteMessageBatch") deleted.push(...entries(input).map((e) => e.ReceiptHandle));
      return batchOk(input);
    });
    const seen: Array<[string, string[]]> = [];
    const listener = listen(
      { queueUrl: queueUrl("jobs.fifo"), maxInFlight: 10, visibilityTimeout: 30, waitTimeSeconds: 1 },
      async (document) => {
        seen.push([document.messageId, [...deleted]]);
        await later(20);
      },
      { maxSettlements: 3 },
    );
    await listener.summary;
    assert.deepEqual(seen, [
      ["a1", []],
      ["a2", ["rh-a1"]],
      ["a3", ["rh-a1", "rh-a2"]],
    ]);
  });

  it("backs off and keeps polling through server errors and throttling", async () => {
    const sqs = fakeSqs(async (action, input, n) => {
      if (action !== "ReceiveMessage") return batchOk(input);
      if (n === 1) return sqsFault(503, "ServiceUnavailable", "try later");
      if (n === 2) return sqsFault(400, "ThrottlingException", "Rate exceeded", "Throttling");
      if (n === 3) return sqsFault(500, "InternalError", "oops");
      return n === 4 ? [200, { Messages: [message("m1")] }] : emptyPoll();
    });
    const results: OperationResult[] = [];
    const listener = listen({ queueUrl: queue, waitTimeSeconds: 1, visibilityTimeout: 30 }, () => {}, {
      onSettled: (result) => results.push(result),
      maxSettlements: 1,
    });
    await listener.summary;
    assert.deepEqual(codes(results), ["ok"]);
    assert.ok(sqs.of("ReceiveMessage").length >= 4);
  });

  it("asks once more with the same attempt id when a stop ends the retries of a lost FIFO poll, and releases what it brings", async () => {
    let stop = () => {};
    const sqs = fakeSqs(async (action, input, n) => {
      if (action !== "ReceiveMessage") return batchOk(input);
      if (n === 1) {
        // The stop lands while the answer is lost: the poll is not retried after a backoff.
        stop();
        return sqsFault(500, "InternalError", "the answer was lost");
      }
      return n === 2 ? [200, { Messages: [message("a1", "A")] }] : emptyPoll();
    });
    const handled: string[] = [];
    const listener = listen(
      { queueUrl: queueUrl("jobs.fifo"), visibilityTimeout: 30, waitTimeSeconds: 5 },
      (document) => {
        handled.push(document.messageId);
      },
      {},
    );
    stop = () => void listener.stop();
    await listener.summary;
    const polls = sqs.of("ReceiveMessage").map((call) => call.input);
    assert.equal(polls.length, 2);
    assert.equal(polls[1]!["ReceiveRequestAttemptId"], polls[0]!["ReceiveRequestAttemptId"]);
    assert.equal(polls[1]!["WaitTimeSeconds"], 0, "a stopping listener does not wait for new messages");
    assert.deepEqual(handled, [], "nothing is handed over after a stop");
    const released = sqs.of("ChangeMessageVisibilityBatch").flatMap((call) => entries(call.input));
    assert.deepEqual(
      released.map((e) => [e.ReceiptHandle, e.VisibilityTimeout]),
      [["rh-a1", 0]],
    );
  });

  it("receives with the manifest's fallback visibility timeout when sqs:GetQueueAttributes is denied, and says so", async () => {
    const fallback = 7;
    const sqs = fakeSqs(async (action, input, n) => {
      if (action === "GetQueueAttributes") return sqsFault(403, "AccessDenied", "not allowed", "AccessDenied");
      if (action !== "ReceiveMessage") return batchOk(input);
      return n === 1 ? [200, { Messages: [message("m1")] }] : emptyPoll();
    });
    const warnings: string[] = [];
    const results: OperationResult[] = [];
    const listener = listen(
      { queueUrl: queue, waitTimeSeconds: 1 },
      () => {},
      { onSettled: (result) => results.push(result), maxSettlements: 1 },
      {
        sqsLimits: { visibilityTimeoutFallbackSeconds: fallback },
        logger: { debug() {}, info() {}, error() {}, warn: (m) => warnings.push(m) },
      },
    );
    await listener.summary;
    assert.deepEqual(codes(results), ["ok"]);
    assert.equal(sqs.of("ReceiveMessage")[0]!.input["VisibilityTimeout"], fallback);
    assert.match(warnings.join("\n"), new RegExp(`GetQueueAttributes is denied.*received with ${fallback} s`));
  });

  for (const [fault, code] of [
    [sqsFault(403, "AccessDenied", "not allowed", "AccessDenied"), "ACCESS_DENIED"],
    [sqsFault(400, "QueueDoesNotExist", "gone", "AWS.SimpleQueueService.NonExistentQueue"), "QUEUE_NOT_FOUND"],
    [sqsFault(403, "InvalidClientTokenId", "unknown key"), "AUTH_FAILED"],
  ] as const) {
    it(`ends on ${code} and releases the messages it holds first`, async () => {
      let handed = false;
      const sqs = fakeSqs(async (action, input, n) => {
        if (action !== "ReceiveMessage") return batchOk(input);
        if (n === 1) return [200, { Messages: [message("m1")] }];
        while (!handed) await later(10);
        return fault;
      });
      const listener = listen(
        { queueUrl: queue, maxInFlight: 5, waitTimeSeconds: 1, visibilityTimeout: 30 },
        (_document, context) => {
          handed = true;
          return new Promise<void>((resolve) => context.signal.addEventListener("abort", () => resolve()));
        },
        {},
      );
      const failure = await listener.summary.then(
        () => undefined,
        (error: unknown) => error,
      );
      assert.ok(failure instanceof ConnectorError);
      assert.equal(failure.code, code);
      const released = sqs.of("ChangeMessageVisibilityBatch").flatMap((c) => entries(c.input));
      assert.deepEqual(
        released.map((e) => [e.ReceiptHandle, e.VisibilityTimeout]),
        [["rh-m1", 0]],
      );
    });
  }
});
