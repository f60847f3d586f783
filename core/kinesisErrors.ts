import { serviceError, type KnownError, type ServiceErrorTable } from "./awsErrors.js";
import type { ErrorCode } from "./errorCodes.js";
import type { ConnectorError } from "./errors.js";
import { withAwsCommonErrors } from "./sqsErrorCatalogue.js";

const STREAM_HINT = "check the stream name or ARN, the region and the account, and that the stream is ACTIVE";
const THROTTLE_HINT = "the stream's shards are at their write limit: lower concurrency, add shards or use on-demand mode";

/**
 * Kinesis Data Streams' error names (AWS JSON 1.1). AWS's common errors
 * (credentials, clock) mean what they mean for SQS; the rest of the mapping
 * (network, throttling, server errors) is core/awsErrors.ts.
 */
const BY_NAME: Record<string, KnownError> = {
  AccessDeniedException: { code: "ACCESS_DENIED", step: "kinesis", hint: "grant the IAM action named above on this stream" },
  ResourceNotFoundException: { code: "STREAM_NOT_FOUND", step: "kinesis", hint: STREAM_HINT },
  ProvisionedThroughputExceededException: { code: "THROTTLED", step: "kinesis", hint: THROTTLE_HINT },
  LimitExceededException: { code: "THROTTLED", step: "kinesis", hint: "too many control-plane calls; retry later" },
  ThrottlingException: { code: "THROTTLED", step: "kinesis", hint: "lower concurrency or request a higher quota" },
  KMSThrottlingException: { code: "THROTTLED", step: "kinesis", hint: "KMS throttled the stream's key" },
  KMSAccessDeniedException: { code: "KMS_ERROR", step: "kinesis", hint: "allow kms:GenerateDataKey on the stream's key" },
  KMSDisabledException: { code: "KMS_ERROR", step: "kinesis", hint: "enable the stream's KMS key" },
  KMSInvalidStateException: { code: "KMS_ERROR", step: "kinesis", hint: "the stream's KMS key is not usable (pending deletion?)" },
  KMSNotFoundException: { code: "KMS_ERROR", step: "kinesis", hint: "the stream's KMS key does not exist" },
  KMSOptInRequired: { code: "KMS_ERROR", step: "kinesis", hint: "subscribe the account to KMS" },
  InternalFailureException: { code: "SERVICE_UNAVAILABLE", step: "kinesis", hint: "retry later" },
  InternalFailure: { code: "SERVICE_UNAVAILABLE", step: "kinesis", hint: "retry later" },
};

const KINESIS: ServiceErrorTable = {
  service: "Kinesis",
  step: "kinesis",
  meaning: withAwsCommonErrors((code) => BY_NAME[code]),
  rejectedCode: "KINESIS_REQUEST_REJECTED",
};

/** Turns anything a Kinesis call threw into a ConnectorError; `action` names the API call for the message. */
export function kinesisError(error: unknown, action: string): ConnectorError {
  return serviceError(error, action, KINESIS);
}

const FATAL_CODES = new Set<ErrorCode>(["STREAM_NOT_FOUND", "KMS_ERROR", "CONFIG_INVALID", "ENDPOINT_INSECURE"]);

/** Whole-call failures for a Kinesis operation: no later request can succeed, so it stops. */
export function isFatalForKinesis(error: ConnectorError): boolean {
  return error.kind === "auth" || error.step === "certificate" || FATAL_CODES.has(error.code);
}

/**
 * How one record's failure in a PutRecords reply is handled: the service's own
 * capacity and internal failures are retried (the documented ErrorCodes);
 * anything else is reported with its code.
 */
export function recordFailure(errorCode: string | undefined): { retry: true; code: ErrorCode } | { retry: false; code: ErrorCode } {
  if (errorCode === "ProvisionedThroughputExceededException" || errorCode === "KMSThrottlingException")
    return { retry: true, code: "THROTTLED" };
  if (errorCode === "InternalFailure" || errorCode === "InternalFailureException" || errorCode === undefined) {
    return { retry: true, code: "SERVICE_UNAVAILABLE" };
  }
  if (errorCode.startsWith("KMS")) return { retry: false, code: "KMS_ERROR" };
  return { retry: false, code: "RECORD_REJECTED" };
}
