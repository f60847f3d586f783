import assert from "node:assert/strict";
import { ConnectorError } from "../../core/errors.js";
import { isFatalForKinesis, kinesisError, recordFailure } from "../../core/kinesisErrors.js";

const serviceException = (name: string, status = 400) =>
  Object.assign(new Error(`${name} (test)`), { name, $fault: status >= 500 ? "server" : "client", $metadata: { httpStatusCode: status } });

describe("Kinesis error mapping (core/kinesisErrors.ts)", () => {
  const cases: Array<[unknown, string, string, boolean]> = [
    [serviceException("ResourceNotFoundException"), "STREAM_NOT_FOUND", "kinesis", true],
    [serviceException("AccessDeniedException"), "ACCESS_DENIED", "kinesis", true],
    [serviceException("UnrecognizedClientException"), "AUTH_FAILED", "credentials", true],
    [serviceException("InvalidSignatureException"), "AUTH_FAILED", "credentials", true],
    [serviceException("ExpiredTokenException"), "AUTH_FAILED", "credentials", true],
    [serviceException("ProvisionedThroughputExceededException"), "THROTTLED", "kinesis", false],
    [serviceException("LimitExceededException"), "THROTTLED", "kinesis", false],
    [serviceException("KMSDisabledException"), "KMS_ERROR", "kinesis", true],
    [serviceException("KMSThrottlingException"), "THROTTLED", "kinesis", false],
    [serviceException("InternalFailure", 500), "SERVICE_UNAVAILABLE", "kinesis", false],
    [serviceException("SomethingNew", 503), "SERVICE_UNAVAILABLE", "kinesis", false],
    [serviceException("InvalidArgumentException"), "KINESIS_REQUEST_REJECTED", "kinesis", false],
    [Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }), "NETWORK_ERROR", "network", false],
  ];
  for (const [thrown, code, step, fatal] of cases) {
    it(`${(thrown as Error).name === "Error" ? (thrown as Error).message : (thrown as Error).name} -> ${code}${fatal ? " (stops the run)" : ""}`, () => {
      const error = kinesisError(thrown, "PutRecords to s");
      assert.ok(error instanceof ConnectorError);
      assert.deepEqual([error.code, error.step, isFatalForKinesis(error)], [code, step, fatal]);
      assert.match(error.message, /^PutRecords to s failed: /);
    });
  }

  it("retries the per-record failures Kinesis documents as passing, and reports the rest", () => {
    assert.deepEqual(
      [
        "ProvisionedThroughputExceededException",
        "InternalFailure",
        undefined,
        "KMSThrottlingException",
        "KMSAccessDeniedException",
        "Unknown",
      ].map(recordFailure),
      [
        { retry: true, code: "THROTTLED" },
        { retry: true, code: "SERVICE_UNAVAILABLE" },
        { retry: true, code: "SERVICE_UNAVAILABLE" },
        { retry: true, code: "THROTTLED" },
        { retry: false, code: "KMS_ERROR" },
        { retry: false, code: "RECORD_REJECTED" },
      ],
    );
  });
});
