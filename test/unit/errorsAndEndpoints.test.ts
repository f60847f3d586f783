import assert from "node:assert/strict";
import { checkedEndpoint, isLoopbackHost } from "../../core/endpoints.js";
import { ConnectorError } from "../../core/errors.js";
import { Redactor, WITHHELD } from "../../core/redaction.js";
import { batchEntryError, isRetryableEntry, sqsError } from "../../core/sqsErrors.js";

describe("endpoint overrides", () => {
  const cases: Array<[string, string | undefined]> = [
    ["https://sqs.eu-central-1.amazonaws.com", undefined],
    ["https://vpce-0a1b.sqs.eu-central-1.vpce.amazonaws.com", undefined],
    ["http://127.0.0.1:4566", undefined],
    ["http://127.9.9.9", undefined],
    ["http://localhost:9324", undefined],
    ["http://sqs.us-east-1.localhost:4566", undefined],
    ["http://[::1]:4566", undefined],
    ["http://10.0.0.5:4566", "ENDPOINT_INSECURE"],
    ["http://sqs.example.com", "ENDPOINT_INSECURE"],
    ["http://localhost.evil.com", "ENDPOINT_INSECURE"],
    ["http://127.0.0.1.nip.io", "ENDPOINT_INSECURE"],
    ["ftp://127.0.0.1", "CONFIG_INVALID"],
    ["https://user:pass@sqs.example.com", "CONFIG_INVALID"],
    ["not a url", "CONFIG_INVALID"],
  ];
  for (const [url, code] of cases) {
    it(`${code === undefined ? "accepts" : `refuses (${code})`} ${url}`, () => {
      if (code === undefined) {
        assert.doesNotThrow(() => checkedEndpoint(url, "endpoint"));
      } else {
        assert.throws(
          () => checkedEndpoint(url, "endpoint"),
          (error: unknown) =>
            error instanceof ConnectorError && error.code === code && error.field === "endpoint" && /endpoint/.test(error.message),
        );
      }
    });
  }

  it("treats only 127/8, ::1 and localhost names as loopback", () => {
    assert.deepEqual(["127.0.0.1", "::1", "[::1]", "localhost", "a.localhost", "128.0.0.1", "0.0.0.0", "localhostx"].map(isLoopbackHost), [
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe("SQS error mapping", () => {
  const sdkError = (name: string, extra: Record<string, unknown> = {}) =>
    Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: 400 }, ...extra });
  const cases: Array<[string, unknown, string, boolean]> = [
    ["QueueDoesNotExist", sdkError("QueueDoesNotExist"), "QUEUE_NOT_FOUND", false],
    ["AccessDenied", sdkError("AccessDenied", { $metadata: { httpStatusCode: 403 } }), "ACCESS_DENIED", false],
    ["InvalidClientTokenId", sdkError("InvalidClientTokenId", { $metadata: { httpStatusCode: 403 } }), "AUTH_FAILED", false],
    ["SignatureDoesNotMatch", sdkError("SignatureDoesNotMatch"), "AUTH_FAILED", false],
    ["ExpiredToken", sdkError("ExpiredToken"), "AUTH_FAILED", false],
    ["RequestThrottled", sdkError("RequestThrottled"), "THROTTLED", true],
    ["an unknown 429", sdkError("SlowDown", { $metadata: { httpStatusCode: 429 } }), "THROTTLED", true],
    ["KmsDisabled", sdkError("KmsDisabled"), "KMS_ERROR", false],
    [
      "a 503",
      sdkError("ServiceUnavailableException", { $fault: "server", $metadata: { httpStatusCode: 503 } }),
      "SERVICE_UNAVAILABLE",
      true,
    ],
    ["ECONNRESET", Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), "NETWORK_ERROR", true],
    ["a timeout", Object.assign(new Error("timed out"), { name: "TimeoutError" }), "NETWORK_ERROR", true],
    ["an unknown 400", sdkError("SomethingNew"), "SQS_REQUEST_REJECTED", false],
    // Issue 10: AWS's documented auth and clock errors, and every modeled SQS error.
    ["NotAuthorized", sdkError("NotAuthorized"), "ACCESS_DENIED", false],
    ["OptInRequired", sdkError("OptInRequired", { $metadata: { httpStatusCode: 403 } }), "OPT_IN_REQUIRED", false],
    ["RequestExpired", sdkError("RequestExpired"), "CLOCK_SKEW", false],
    ["InvalidSignatureException", sdkError("InvalidSignatureException"), "AUTH_FAILED", false],
    [
      "Signature expired",
      Object.assign(sdkError("InvalidSignatureException"), {
        message: "Signature expired: 20260101T000000Z is now earlier than 20260101T001000Z",
      }),
      "CLOCK_SKEW",
      false,
    ],
    ["IncompleteSignatureException", sdkError("IncompleteSignatureException"), "AUTH_FAILED", false],
    ["MissingAuthenticationTokenException", sdkError("MissingAuthenticationTokenException"), "AUTH_FAILED", false],
    ["InvalidAddress", sdkError("InvalidAddress", { $metadata: { httpStatusCode: 404 } }), "QUEUE_ADDRESS_INVALID", false],
    ["UnsupportedOperation", sdkError("UnsupportedOperation"), "OPERATION_UNSUPPORTED", false],
    ["BatchEntryIdsNotDistinct", sdkError("BatchEntryIdsNotDistinct"), "BATCH_REQUEST_INVALID", false],
    ["BatchRequestTooLong", sdkError("BatchRequestTooLong"), "MESSAGE_TOO_LARGE", false],
    ["EmptyBatchRequest", sdkError("EmptyBatchRequest"), "BATCH_REQUEST_INVALID", false],
    ["InvalidBatchEntryId", sdkError("InvalidBatchEntryId"), "BATCH_REQUEST_INVALID", false],
    ["TooManyEntriesInBatchRequest", sdkError("TooManyEntriesInBatchRequest"), "BATCH_REQUEST_INVALID", false],
    ["InvalidAttributeName", sdkError("InvalidAttributeName"), "ATTRIBUTE_NAME_INVALID", false],
    ["InvalidAttributeValue", sdkError("InvalidAttributeValue"), "ATTRIBUTE_VALUE_INVALID", false],
    ["InvalidMessageContents", sdkError("InvalidMessageContents"), "MESSAGE_BODY_INVALID_CHARACTERS", false],
    ["MessageNotInflight", sdkError("MessageNotInflight"), "MESSAGE_NOT_INFLIGHT", false],
    ["PurgeQueueInProgress", sdkError("PurgeQueueInProgress"), "PURGE_IN_PROGRESS", true],
    ["QueueDeletedRecently", sdkError("QueueDeletedRecently"), "QUEUE_DELETED_RECENTLY", true],
    ["InvalidIdFormat", sdkError("InvalidIdFormat"), "RECEIPT_HANDLE_INVALID", false],
    ["ResourceNotFoundException", sdkError("ResourceNotFoundException"), "QUEUE_NOT_FOUND", false],
    ["ValidationError", sdkError("ValidationError"), "PARAMETER_INVALID", false],
    ["InvalidParameterValue", sdkError("InvalidParameterValue"), "PARAMETER_INVALID", false],
    [
      "InvalidParameterValue for an expired receipt handle (FIFO)",
      Object.assign(sdkError("InvalidParameterValue"), {
        message: "Value AQEB... for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.",
      }),
      "RECEIPT_HANDLE_INVALID",
      false,
    ],
    ["MissingParameter", sdkError("MissingParameter"), "PARAMETER_MISSING", false],
    ["a KMS query code", sdkError("SomeKmsProblem", { Code: "KMS.DisabledException" }), "KMS_ERROR", false],
    ["a query code only", sdkError("Unknown", { Code: "AWS.SimpleQueueService.NonExistentQueue" }), "QUEUE_NOT_FOUND", false],
  ];
  for (const [what, error, code, retryable] of cases) {
    it(`maps ${what} to ${code}`, () => {
      const mapped = sqsError(error, "SendMessageBatch");
      assert.equal(mapped.code, code);
      assert.equal(mapped.retryable, retryable);
      assert.match(mapped.message, /^SendMessageBatch failed/);
    });
  }

  const entry = (Code: string, SenderFault: boolean, Message = "refused") => ({ Id: "0", Code, SenderFault, Message });
  const entryCases: Array<[ReturnType<typeof entry>, string, boolean]> = [
    [entry("KMS.DisabledException", true), "KMS_ERROR", false],
    [entry("KMS.AccessDeniedException", false), "KMS_ERROR", true],
    [entry("RequestThrottled", true), "THROTTLED", true],
    [entry("ReceiptHandleIsInvalid", true), "RECEIPT_HANDLE_INVALID", false],
    [
      entry("InvalidParameterValue", true, "Value x for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired."),
      "RECEIPT_HANDLE_INVALID",
      false,
    ],
    [entry("MessageNotInflight", true), "MESSAGE_NOT_INFLIGHT", false],
    [entry("InvalidParameterValue", true, "Message attribute 'unit' must contain a non-empty value"), "PARAMETER_INVALID", false],
    [entry("SomethingElse", true), "MESSAGE_REJECTED", false],
  ];
  for (const [failure, code, resent] of entryCases) {
    it(`maps a batch entry failed with ${failure.Code} (SenderFault ${failure.SenderFault}) to ${code}${resent ? ", sent again" : ""}`, () => {
      assert.equal(batchEntryError(failure, "SQS refused this message").code, code);
      assert.equal(isRetryableEntry(failure), resent);
    });
  }
});

describe("redaction", () => {
  it("removes registered secrets, PEM private keys and key fragments from text and nested values", () => {
    const redactor = new Redactor();
    const pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----";
    redactor.add("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    redactor.add(pem);
    redactor.add("ab");
    const text = "key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY and line MIIEvQIBADANBgkqhkiG9w0BAQEFAASC and ab";
    assert.equal(redactor.text(text), "key [REDACTED] and line [REDACTED] and ab");
    assert.equal(redactor.text(`x ${"-----BEGIN EC PRIVATE KEY-----\nabc\n-----END EC PRIVATE KEY-----"} y`), "x [REDACTED PRIVATE KEY] y");
    assert.deepEqual(redactor.value({ a: ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"], n: 1 }), { a: ["[REDACTED]"], n: 1 });
  });

  it("redacts a 40,000-character secret (once too large for the regular expression built from secrets, which then quoted it)", () => {
    const secret = Array.from({ length: 40_000 }, (_, i) => "abcdefghijklmnopqrstuvwxyz0123456789+/"[(i * 7919) % 38]).join("");
    const redactor = new Redactor();
    redactor.add(secret);
    redactor.add("short-secret-1");
    assert.equal(redactor.text(`a ${secret} b ${secret}short-secret-1`), "a [REDACTED] b [REDACTED][REDACTED]");
    assert.deepEqual(redactor.value({ details: [secret] }), { details: ["[REDACTED]"] });
  });

  it("redacts overlapping and repeated secrets without leaving a piece of either", () => {
    const redactor = new Redactor();
    redactor.add("SECRETONE");
    redactor.add("ONEANDTWO");
    assert.equal(redactor.text("xSECRETONEANDTWOy SECRETONESECRETONE"), "x[REDACTED]y [REDACTED][REDACTED]");
  });

  it("fails closed: when redaction cannot run, nothing of the text or value is passed on", () => {
    const redactor = new Redactor();
    redactor.add("TOPSECRETTOKEN");
    const unprintable = {
      toString(): string {
        throw new Error("TOPSECRETTOKEN");
      },
    };
    assert.equal(redactor.text(unprintable as unknown as string), WITHHELD);
    const cyclic: Record<string, unknown> = { token: "TOPSECRETTOKEN" };
    cyclic["self"] = cyclic;
    assert.equal(redactor.value(cyclic), WITHHELD);
  });

  it("redacts a ConnectorError's message, stack and cause", () => {
    const redactor = new Redactor();
    redactor.add("TOPSECRETTOKEN");
    const error = new ConnectorError("AUTH_FAILED", "token TOPSECRETTOKEN refused", { cause: new Error("inner TOPSECRETTOKEN") });
    const clean = error.redacted((t) => redactor.text(t));
    assert.doesNotMatch(
      `${clean.message} ${clean.stack} ${(clean.cause as Error).message} ${(clean.cause as Error).stack}`,
      /TOPSECRETTOKEN/,
    );
    assert.equal(clean.code, "AUTH_FAILED");
  });
});
