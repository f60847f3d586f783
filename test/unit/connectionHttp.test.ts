import assert from "node:assert/strict";
import nock from "nock";
import { connect } from "../../connector/connection.js";
import { ConnectorError } from "../../core/errors.js";
import { collect, errorCodes } from "../support/embeddedSqs.js";
import { connectionFor, fakeSqs, isolateNetwork, KEYS, md5, ORIGIN, queueUrl, sqsFault, type SqsReply } from "../support/sqsNock.js";

const denied = (action: string) => sqsFault(403, "AccessDenied", `User is not authorized to perform: sqs:${action}`);
const EMPTY_ANSWER: SqsReply = [200, {}];
const queueAttributes: SqsReply = [
  200,
  { Attributes: { FifoQueue: "true", ContentBasedDeduplication: "true", MaximumMessageSize: "262144", ApproximateNumberOfMessages: "4" } },
];

describe("test connection (nock)", () => {
  isolateNetwork();

  const cases: Array<{
    name: string;
    target: Record<string, string>;
    replies: Record<string, SqsReply>;
    ok: boolean;
    checks: string[];
    failedStep?: string;
    code?: string;
  }> = [
    {
      name: "a named queue that answers",
      target: { queueName: "orders.fifo" },
      replies: { GetQueueUrl: [200, { QueueUrl: queueUrl("orders.fifo") }], GetQueueAttributes: queueAttributes },
      ok: true,
      checks: ["Credentials:passed", "GetQueueUrl:passed", "GetQueueAttributes:passed"],
    },
    {
      name: "send-only credentials (lookups denied): works, with warnings",
      target: { queueUrl: queueUrl("orders.fifo") },
      replies: { GetQueueAttributes: denied("GetQueueAttributes") },
      ok: true,
      checks: ["Credentials:passed", "GetQueueAttributes:warning"],
    },
    {
      name: "GetQueueUrl denied for a named queue: works, with a warning to give queueUrl",
      target: { queueName: "orders" },
      replies: { GetQueueUrl: denied("GetQueueUrl") },
      ok: true,
      checks: ["Credentials:passed", "GetQueueUrl:warning"],
    },
    {
      name: "no queue named and ListQueues denied",
      target: {},
      replies: { ListQueues: denied("ListQueues") },
      ok: true,
      checks: ["Credentials:passed", "ListQueues:warning"],
    },
    {
      name: "an unknown access key",
      target: {},
      replies: { ListQueues: sqsFault(403, "InvalidClientTokenId", "The security token included in the request is invalid.") },
      ok: false,
      checks: ["Credentials:passed", "ListQueues:failed"],
      failedStep: "credentials",
      code: "AUTH_FAILED",
    },
    {
      name: "a region without queues (SQS leaves the list out; a probe for a missing queue tells it from a server that is not SQS)",
      target: {},
      replies: {
        ListQueues: [200, {}],
        GetQueueUrl: sqsFault(400, "QueueDoesNotExist", "The specified queue does not exist.", "AWS.SimpleQueueService.NonExistentQueue"),
      },
      ok: true,
      checks: ["Credentials:passed", "ListQueues:passed"],
    },
    ...[
      { target: {} as Record<string, string>, checks: ["Credentials:passed", "ListQueues:failed"] },
      { target: { queueName: "orders" }, checks: ["Credentials:passed", "GetQueueUrl:failed"] },
      { target: { queueUrl: queueUrl("orders") }, checks: ["Credentials:passed", "GetQueueAttributes:failed"] },
    ].map(({ target, checks }) => ({
      name: `a server answering {} to every call, asked ${JSON.stringify(target)}: not "Connection works."`,
      target,
      replies: { ListQueues: EMPTY_ANSWER, GetQueueUrl: EMPTY_ANSWER, GetQueueAttributes: EMPTY_ANSWER },
      ok: false,
      checks,
      failedStep: "sqs",
      code: "SQS_RESPONSE_INVALID",
    })),
    {
      name: "a queue that does not exist",
      target: { queueName: "gone" },
      replies: {
        GetQueueUrl: sqsFault(400, "QueueDoesNotExist", "The specified queue does not exist.", "AWS.SimpleQueueService.NonExistentQueue"),
      },
      ok: false,
      checks: ["Credentials:passed", "GetQueueUrl:failed"],
      failedStep: "sqs",
      code: "QUEUE_NOT_FOUND",
    },
    // Issue 10: AWS's documented auth and clock errors are named, not SQS_REQUEST_REJECTED.
    ...(
      [
        ["OptInRequired", 403, "The AWS access key ID needs a subscription for the service.", "OPT_IN_REQUIRED"],
        ["RequestExpired", 400, "Request has expired.", "CLOCK_SKEW"],
        ["InvalidSignatureException", 400, "Signature expired: 20260101T000000Z is now earlier than 20260101T001000Z", "CLOCK_SKEW"],
        ["InvalidSignatureException", 400, "The request signature we calculated does not match the signature you provided.", "AUTH_FAILED"],
        ["IncompleteSignatureException", 400, "Authorization header requires 'Signature' parameter.", "AUTH_FAILED"],
        ["MissingAuthenticationTokenException", 403, "Missing Authentication Token", "AUTH_FAILED"],
      ] as const
    ).map(([type, status, message, code]) => ({
      name: `${type} (${message.slice(0, 20)}...) as ${code}`,
      target: {},
      replies: { ListQueues: sqsFault(status, type, message) },
      ok: false,
      checks: ["Credentials:passed", "ListQueues:failed"],
      failedStep: "credentials",
      code,
    })),
    {
      name: "NotAuthorized as a denied permission (a warning)",
      target: {},
      replies: { ListQueues: sqsFault(400, "NotAuthorized", "You do not have permission to perform this action.", "NotAuthorized") },
      ok: true,
      checks: ["Credentials:passed", "ListQueues:warning"],
    },
  ];
  for (const c of cases) {
    it(`reports ${c.name}`, async () => {
      fakeSqs((action) => c.replies[action] ?? sqsFault(400, "InvalidAction", `unexpected ${action}`));
      const connection = connect(connectionFor({ maxAttempts: 1 }));
      const report = await connection.test(c.target);
      connection.close();
      assert.equal(report.ok, c.ok, report.message);
      assert.deepEqual(
        report.checks.map((check) => `${check.name}:${check.status}`),
        c.checks,
      );
      assert.equal(report.failedStep, c.failedStep);
      assert.equal(report.code, c.code);
      for (const warning of report.checks.filter((check) => check.status === "warning")) {
        assert.ok((warning.affects ?? []).length > 0, "a warning names the features it limits");
        assert.match(report.message, new RegExp(`${warning.name} is denied`));
      }
      assert.doesNotMatch(JSON.stringify(report), new RegExp(KEYS.secretAccessKey));
    });
  }

  it("reports an unreachable endpoint as a network failure", async () => {
    nock(ORIGIN)
      .post("/")
      .times(3)
      .replyWithError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }));
    const connection = connect(connectionFor({ maxAttempts: 1 }));
    const report = await connection.test();
    connection.close();
    assert.equal(report.ok, false);
    assert.equal(report.failedStep, "network");
    assert.equal(report.code, "NETWORK_ERROR");
  });

  describe("default credential chain", () => {
    const saved = { ...process.env };
    afterEach(() => {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    });
    const isolateChain = () => {
      for (const key of [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_PROFILE",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
      ])
        delete process.env[key];
      process.env["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/credentials";
      process.env["AWS_CONFIG_FILE"] = "/nonexistent/config";
      process.env["AWS_EC2_METADATA_DISABLED"] = "true";
    };

    it("signs with what the environment provides", async () => {
      isolateChain();
      process.env["AWS_ACCESS_KEY_ID"] = "AKIACHAINTEST0000001";
      process.env["AWS_SECRET_ACCESS_KEY"] = "chain-secret-0000000000000000000000000001";
      const sqs = fakeSqs(() => [200, { QueueUrls: [] }], { AKIACHAINTEST0000001: "chain-secret-0000000000000000000000000001" });
      const connection = connect({ authType: "defaultChain", region: "eu-central-1" });
      const report = await connection.test();
      connection.close();
      assert.equal(report.ok, true, report.message);
      assert.deepEqual(
        sqs.calls.map((c) => c.signedBy),
        ["AKIACHAINTEST0000001"],
      );
    });

    it("fails the credentials step with CREDENTIALS_MISSING when the chain finds nothing", async () => {
      isolateChain();
      const connection = connect({ authType: "defaultChain", region: "eu-central-1" });
      const report = await connection.test();
      connection.close();
      assert.deepEqual([report.ok, report.failedStep, report.code], [false, "credentials", "CREDENTIALS_MISSING"]);
    });
  });
});

describe("browse, receive and delete (nock)", () => {
  isolateNetwork();

  it("pages through queues and marks content-based deduplication unknown where attributes are denied", async () => {
    const sqs = fakeSqs((action, input) => {
      if (action === "ListQueues") {
        return input["NextToken"] === undefined
          ? [200, { QueueUrls: [queueUrl("a"), queueUrl("b.fifo")], NextToken: "page-2" }]
          : [200, { QueueUrls: [queueUrl("c.fifo")] }];
      }
      return String(input["QueueUrl"]).endsWith("c.fifo")
        ? denied("GetQueueAttributes")
        : [200, { Attributes: { ContentBasedDeduplication: "true" } }];
    });
    const connection = connect(connectionFor());
    const first = await connection.browse({ maxResults: 2 });
    const second = await connection.browse({ maxResults: 2, nextToken: first.nextToken! });
    connection.close();
    assert.deepEqual(first, {
      queues: [
        { name: "a", url: queueUrl("a"), fifo: false, contentBasedDeduplication: false },
        { name: "b.fifo", url: queueUrl("b.fifo"), fifo: true, contentBasedDeduplication: true },
      ],
      nextToken: "page-2",
    });
    assert.deepEqual(second.queues, [{ name: "c.fifo", url: queueUrl("c.fifo"), fifo: true, contentBasedDeduplication: null }]);
    assert.deepEqual(
      sqs.of("ListQueues").map((c) => c.input["MaxResults"]),
      [2, 2],
    );
  });

  it("keeps polling through throttling, then returns the messages", async () => {
    const body = "after the storm";
    fakeSqs((_action, _input, n) =>
      n <= 2
        ? sqsFault(400, "RequestThrottled", "slow down", "RequestThrottled")
        : n === 3
          ? [200, { Messages: [{ MessageId: "m1", ReceiptHandle: "rh1", Body: body, MD5OfBody: md5(body) }] }]
          : [200, {}],
    );
    const connection = connect(connectionFor({ maxAttempts: 1 }));
    const results = await collect(connection.operation("receive", { queueUrl: queueUrl("q"), waitTimeSeconds: 0 }).execute());
    connection.close();
    assert.deepEqual(results, [
      {
        index: 0,
        status: "success",
        document: {
          messageId: "m1",
          receiptHandle: "rh1",
          body,
          md5OfBody: md5(body),
          attributes: {},
          messageAttributes: {},
          queueUrl: queueUrl("q"),
        },
      },
    ]);
  });

  it("fails receive as a whole when the queue's KMS key is unusable", async () => {
    fakeSqs(() => sqsFault(400, "KmsDisabled", "The request was denied due to request throttling."));
    const connection = connect(connectionFor({ maxAttempts: 1 }));
    await assert.rejects(
      collect(connection.operation("receive", { queueUrl: queueUrl("q"), waitTimeSeconds: 0 }).execute()),
      (error: unknown) => error instanceof ConnectorError && error.code === "KMS_ERROR",
    );
    connection.close();
  });

  it("reports receipt handles SQS does not recognise, and deletes the rest", async () => {
    fakeSqs((_action, input) => {
      const entries = input["Entries"] as Array<{ Id: string; ReceiptHandle: string }>;
      return [
        200,
        {
          Successful: entries.filter((e) => e.ReceiptHandle !== "bogus").map((e) => ({ Id: e.Id })),
          Failed: entries
            .filter((e) => e.ReceiptHandle === "bogus")
            .map((e) => ({ Id: e.Id, SenderFault: true, Code: "ReceiptHandleIsInvalid", Message: "The input receipt handle is invalid." })),
        },
      ];
    });
    const connection = connect(connectionFor());
    const results = await collect(
      connection
        .operation("delete", { queueUrl: queueUrl("q") })
        .execute([{ receiptHandle: "good-1" }, { receiptHandle: "bogus" }, { receiptHandle: "good-2", messageId: "m2" }]),
    );
    connection.close();
    assert.deepEqual(errorCodes(results), [undefined, "RECEIPT_HANDLE_INVALID", undefined]);
    assert.deepEqual(results[2], { index: 2, status: "success", document: { deleted: true, queueUrl: queueUrl("q"), messageId: "m2" } });
  });

  it("refuses a per-message delay over 900 s before anything is sent", async () => {
    const sqs = fakeSqs(() => [200, { Attributes: { FifoQueue: "false" } }]);
    const connection = connect(connectionFor());
    const results = await collect(
      connection.operation("send", { queueUrl: queueUrl("q") }).execute([{ body: "later", delaySeconds: 901 }]),
    );
    connection.close();
    assert.deepEqual(errorCodes(results), ["DELAY_INVALID"]);
    assert.deepEqual(sqs.of("SendMessageBatch"), []);
  });
});
