import { serviceError, type KnownError, type ServiceErrorTable } from "./awsErrors.js";
import type { ErrorCode } from "./errorCodes.js";
import type { ConnectorError } from "./errors.js";
import { withAwsCommonErrors } from "./sqsErrorCatalogue.js";

const DENIED_HINT =
  "grant s3:PutObject, s3:GetObject or s3:DeleteObject on the bucket's key prefix, and kms:GenerateDataKey/kms:Decrypt on its KMS key";
const REGION_HINT = "the bucket is in another region: use a connection in the bucket's region";

/** What one S3 call was for: a missing bucket means a bad configuration when storing, a missing payload when reading. */
export type S3Purpose = "store" | "read" | "remove" | "check";

/**
 * Amazon S3's error names (REST-XML codes; HEAD requests have no body, so the SDK
 * names them after the status: NotFound, Forbidden). AWS's common errors
 * (credentials, clock) mean what they mean for SQS; the rest of the mapping
 * (network, throttling, server errors) is core/awsErrors.ts.
 */
function byName(purpose: S3Purpose): Record<string, KnownError> {
  const missing: KnownError =
    purpose === "read"
      ? {
          code: "PAYLOAD_NOT_FOUND",
          step: "s3",
          hint: "the payload object is gone (deleted, expired by a lifecycle rule, or never written); deal with the message by its receipt handle",
        }
      : { code: "PAYLOAD_BUCKET_NOT_FOUND", step: "s3", hint: "check largePayload.bucket and the connection's region" };
  const denied: KnownError = { code: "PAYLOAD_ACCESS_DENIED", step: "s3", hint: DENIED_HINT };
  return {
    NoSuchKey: purpose === "read" ? missing : { code: "PAYLOAD_NOT_FOUND", step: "s3", hint: "the object does not exist" },
    NoSuchBucket: missing,
    NotFound: missing,
    AccessDenied: denied,
    Forbidden: denied,
    AllAccessDisabled: denied,
    AccountProblem: denied,
    InvalidObjectState: { code: "PAYLOAD_ACCESS_DENIED", step: "s3", hint: "the object is archived (Glacier): restore it first" },
    InvalidAccessKeyId: { code: "AUTH_FAILED", step: "credentials", hint: "check the access key id (and region partition)" },
    PermanentRedirect: { code: "CONFIG_INVALID", step: "s3", hint: REGION_HINT },
    AuthorizationHeaderMalformed: { code: "CONFIG_INVALID", step: "s3", hint: REGION_HINT },
    IllegalLocationConstraintException: { code: "CONFIG_INVALID", step: "s3", hint: REGION_HINT },
    InvalidBucketName: { code: "CONFIG_INVALID", step: "s3", hint: "check largePayload.bucket" },
    EntityTooLarge: { code: "PAYLOAD_TOO_LARGE", step: "s3", hint: "the object is larger than S3 accepts in one request" },
    // What an aborted request rejects with (the host cancelled the run, or the run stopped).
    AbortError: { code: "ABORTED", step: "network", hint: "the run was cancelled" },
    SlowDown: { code: "THROTTLED", step: "s3", hint: "S3 asks to slow down: lower concurrency" },
    InternalError: { code: "SERVICE_UNAVAILABLE", step: "s3", hint: "retry later" },
    ServiceUnavailable: { code: "SERVICE_UNAVAILABLE", step: "s3", hint: "retry later" },
  };
}

function table(purpose: S3Purpose): ServiceErrorTable {
  const known = byName(purpose);
  return {
    service: "S3",
    step: "s3",
    meaning: withAwsCommonErrors(
      (code) => known[code] ?? (code.startsWith("KMS.") ? { code: "PAYLOAD_ACCESS_DENIED", step: "s3", hint: DENIED_HINT } : undefined),
    ),
    rejectedCode: "S3_REQUEST_REJECTED",
  };
}

const TABLES: Record<S3Purpose, ServiceErrorTable> = {
  store: table("store"),
  read: table("read"),
  remove: table("remove"),
  check: table("check"),
};

/** Turns anything an S3 call threw into a ConnectorError; `action` names the call and its object for the message. */
export function s3Error(error: unknown, action: string, purpose: S3Purpose): ConnectorError {
  return serviceError(error, action, TABLES[purpose]);
}

const FATAL_CODES = new Set<ErrorCode>(["CONFIG_INVALID", "ENDPOINT_INSECURE", "PAYLOAD_BUCKET_NOT_FOUND"]);

/** S3 failures no later call can get past (credentials, a bucket that is not there or in another region). */
export function isFatalForS3(error: ConnectorError): boolean {
  return error.kind === "auth" || error.step === "certificate" || FATAL_CODES.has(error.code);
}
