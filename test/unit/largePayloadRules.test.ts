import assert from "node:assert/strict";
import { connect, ConnectorError, readManifest } from "../../connector/index.js";
import type { DocumentError } from "../../core/errors.js";
import { isAllowed, offloadSettings, readSettings } from "../../operations/largePayload/payloadSettings.js";
import type { QueueInfo } from "../../operations/queueDirectory.js";
import { offloadDecision } from "../../operations/send/payloadOffload.js";
import { javaIsLarge } from "../support/extendedClientRules.js";

const connection = () => connect({ authType: "accessKeys", accessKeyId: "test", secretAccessKey: "x", endpoint: "http://127.0.0.1:9" });

/** Test connection's verdict on a bucket target ("bucket" or "bucket/keyPrefix"): the config step's code when it is refused. */
async function bucketTargetRefusal(bucket: string): Promise<string | undefined> {
  const c = connection();
  try {
    const report = await c.test({ bucket });
    return report.failedStep === "config" ? report.code : undefined;
  } finally {
    c.close();
  }
}

/** The field a configuration is refused for, or undefined when it is accepted. */
function refusedField(operation: string, largePayload: unknown): string | undefined {
  const c = connection();
  try {
    c.operation(operation, { queueName: "q", largePayload });
    return undefined;
  } catch (error) {
    assert.ok(error instanceof ConnectorError);
    assert.equal(error.code, "CONFIG_INVALID");
    return error.field;
  } finally {
    c.close();
  }
}

describe("large payloads: what the configuration accepts", () => {
  const buckets: Array<[string, boolean]> = [
    ["abc", true],
    ["orders-payloads.eu-1", true],
    ["a".repeat(63), true],
    ["ab", false],
    ["a".repeat(64), false],
    ["Orders", false],
    ["under_score", false],
    ["-start", false],
    ["end-", false],
    ["two..dots", false],
    ["192.168.5.4", false],
    ["xn--punycode", false],
    ["sthree-bucket", false],
    ["access-point-s3alias", false],
    ["object-lambda--ol-s3", false],
    ["multi.mrap", false],
  ];
  for (const [bucket, valid] of buckets) {
    it(`${valid ? "accepts" : "refuses"} the bucket name "${bucket.length > 20 ? `${bucket.slice(0, 8)}…(${bucket.length})` : bucket}"`, async () => {
      assert.equal(refusedField("send", { bucket }), valid ? undefined : "largePayload.bucket");
      assert.equal(refusedField("receive", { bucket }), valid ? undefined : "largePayload.bucket");
      // Test connection's Check bucket holds a bucket to the same rules (a refused one is never sent to S3).
      if (!valid) assert.equal(await bucketTargetRefusal(bucket), "CONFIG_INVALID");
    });
  }

  // The Java library's rule (AmazonSQSExtendedClientUtil.trimAndValidateS3KeyPrefix) and length (1024 - a UUID's 36).
  const prefixes: Array<[string, boolean]> = [
    ["payloads/", true],
    ["a_b-c.d/e/", true],
    ["p".repeat(988), true],
    ["p".repeat(989), false],
    ["/absolute", false],
    [".hidden/", false],
    ["up/../down", false],
    ["with space/", false],
    ["grüße/", false],
  ];
  for (const [keyPrefix, valid] of prefixes) {
    it(`${valid ? "accepts" : "refuses"} the key prefix "${keyPrefix.length > 20 ? `p…(${keyPrefix.length})` : keyPrefix}"`, async () => {
      assert.equal(refusedField("send", { bucket: "abc", keyPrefix }), valid ? undefined : "largePayload.keyPrefix");
      if (!valid) assert.equal(await bucketTargetRefusal(`abc/${keyPrefix}`), "CONFIG_INVALID");
    });
  }

  it("takes allowedBuckets as bucket or bucket/keyPrefix, and needs a bucket or allowedBuckets to read from", () => {
    assert.equal(refusedField("receive", { allowedBuckets: ["partner-payloads", "shared-bucket/orders/"] }), undefined);
    assert.equal(refusedField("delete", { allowedBuckets: ["shared-bucket/a..b/"] }), "largePayload.allowedBuckets.0");
    assert.equal(refusedField("delete", { allowedBuckets: ["Partner"] }), "largePayload.allowedBuckets.0");
    assert.equal(refusedField("receive", { retainPayloads: true }), "largePayload");
    assert.equal(refusedField("send", { keyPrefix: "p/" }), "largePayload.bucket");
  });

  it("takes an expected bucket owner as a 12-digit account id, and refuses fields of the other side", () => {
    assert.equal(refusedField("send", { bucket: "abc", expectedBucketOwner: "123456789012" }), undefined);
    assert.equal(refusedField("receive", { bucket: "abc", expectedBucketOwner: "12345" }), "largePayload.expectedBucketOwner");
    assert.equal(refusedField("receive", { bucket: "abc", thresholdBytes: 1000 }), "largePayload.thresholdBytes");
    assert.equal(refusedField("send", { bucket: "abc", retainPayloads: true }), "largePayload.retainPayloads");
  });
});

describe("large payloads: which messages go through S3", () => {
  const queue: QueueInfo = {
    url: "https://sqs.eu-central-1.amazonaws.com/123456789012/q",
    name: "q",
    fifo: false,
    contentBasedDeduplication: undefined,
    maxMessageBytes: 1000,
    attributesKnown: true,
  };
  const settings = (overrides: Record<string, unknown> = {}) =>
    offloadSettings(
      { bucket: "abc", always: false, attributeName: "legacy", maxPayloadBytes: 5000, ...overrides },
      readManifest().sqsLimits,
    );
  const attributes = (count: number) =>
    Object.fromEntries(Array.from({ length: count }, (_, i) => [`a${i}`, { DataType: "String", StringValue: "v" }]));
  const decide = (overrides: Record<string, unknown>, bodyBytes: number, attributeCount = 0) => {
    const attrs = attributes(attributeCount);
    const attributesBytes = Object.entries(attrs).reduce((sum, [name]) => sum + name.length + "String".length + 1, 0);
    const decision = offloadDecision(settings(overrides), queue, { bodyBytes, attributesBytes, attributes: attrs });
    return typeof decision === "string" ? decision : decision.code;
  };

  const cases: Array<[string, Record<string, unknown>, number, number, string]> = [
    ["exactly the threshold stays as it is (the libraries compare with >)", { thresholdBytes: 500 }, 500, 0, "inline"],
    ["one byte over the threshold goes to S3", { thresholdBytes: 500 }, 501, 0, "offload"],
    ["attributes count towards the threshold", { thresholdBytes: 500 }, 490, 2, "offload"],
    ["without thresholdBytes, the queue's maximum is the threshold", {}, 1000, 0, "inline"],
    ["and one byte over it goes to S3", {}, 1001, 0, "offload"],
    ["a threshold above the queue's maximum counts as the maximum", { thresholdBytes: 100000 }, 1001, 0, "offload"],
    ["always sends even the smallest body to S3", { always: true }, 1, 0, "offload"],
    ["an offloaded message keeps 9 attributes of its own", { always: true }, 10, 9, "offload"],
    ["a tenth one has no room beside the size attribute", { always: true }, 10, 10, "MESSAGE_ATTRIBUTES_TOO_MANY"],
    ["a message that stays as it is keeps all 10", {}, 10, 10, "inline"],
    ["a body over maxPayloadBytes is refused", { always: true }, 5001, 0, "PAYLOAD_TOO_LARGE"],
  ];
  for (const [what, overrides, bodyBytes, attributeCount, expected] of cases) {
    it(what, () => assert.equal(decide(overrides, bodyBytes, attributeCount), expected));
  }

  it("leaves room for the size attribute within SQS's attribute limit as the manifest states it", () => {
    const fewer = offloadSettings(
      { bucket: "abc", always: true, attributeName: "legacy", maxPayloadBytes: 5000 },
      { messageAttributesMax: 5 },
    );
    const decideWith = (count: number) => {
      const decision = offloadDecision(fewer, queue, { bodyBytes: 10, attributesBytes: count * 8, attributes: attributes(count) });
      return typeof decision === "string" ? decision : decision.code;
    };
    assert.deepEqual([decideWith(4), decideWith(5)], ["offload", "MESSAGE_ATTRIBUTES_TOO_MANY"]);
  });

  it("agrees with the Java library's isLarge at the threshold", () => {
    for (const size of [499, 500, 501]) {
      const body = "x".repeat(size);
      assert.equal(decide({ thresholdBytes: 500 }, size) === "offload", javaIsLarge(500, body, {}), `${size} bytes`);
    }
  });

  it("refuses the reserved size attributes in documents, whatever the size", () => {
    for (const name of ["SQSLargePayloadSize", "ExtendedPayloadSize"]) {
      const decision = offloadDecision(settings(), queue, {
        bodyBytes: 1,
        attributesBytes: 10,
        attributes: { [name]: { DataType: "Number", StringValue: "1" } },
      });
      assert.equal((decision as DocumentError).code, "MESSAGE_ATTRIBUTE_NAME_INVALID");
    }
  });
});

describe("large payloads: where pointers may lead", () => {
  const settings = readSettings({
    bucket: "own-payloads",
    keyPrefix: "orders/",
    allowedBuckets: ["partner-payloads", "shared-bucket/team-a/"],
    retainPayloads: false,
    maxPayloadBytes: 1000,
  });
  const cases: Array<[string, string, boolean]> = [
    ["own-payloads", "orders/123", true],
    ["own-payloads", "invoices/123", false],
    ["own-payloads", "orders", false],
    ["partner-payloads", "anything/at/all", true],
    ["shared-bucket", "team-a/x", true],
    ["shared-bucket", "team-b/x", false],
    ["other-bucket", "orders/123", false],
    ["own-payloads.evil", "orders/123", false],
  ];
  for (const [bucket, key, allowed] of cases) {
    it(`${allowed ? "follows" : "does not follow"} s3://${bucket}/${key}`, () =>
      assert.equal(isAllowed(settings, { bucket, key }), allowed));
  }
});
