import type { ErrorCode } from "./errorCodes.js";
import { ConnectorError, type FailureStep } from "./errors.js";

/**
 * Maps what the AWS SDK throws (service exceptions, network failures, our own
 * credential errors) to the connector's taxonomy. The service's message is kept:
 * it names the problem and holds no secret.
 */
const BY_NAME: Record<string, { code: ErrorCode; step: FailureStep; hint: string }> = {
  QueueDoesNotExist: { code: "QUEUE_NOT_FOUND", step: "sqs", hint: "check the queue name or URL, the region and the account" },
  "AWS.SimpleQueueService.NonExistentQueue": {
    code: "QUEUE_NOT_FOUND",
    step: "sqs",
    hint: "check the queue name or URL, the region and the account",
  },
  AccessDenied: { code: "ACCESS_DENIED", step: "sqs", hint: "grant the IAM action named above on this queue" },
  AccessDeniedException: { code: "ACCESS_DENIED", step: "sqs", hint: "grant the IAM action named above on this queue" },
  InvalidClientTokenId: { code: "AUTH_FAILED", step: "credentials", hint: "check the access key id (and region partition)" },
  UnrecognizedClientException: { code: "AUTH_FAILED", step: "credentials", hint: "check the access key id" },
  SignatureDoesNotMatch: { code: "AUTH_FAILED", step: "credentials", hint: "check the secret access key" },
  IncompleteSignature: { code: "AUTH_FAILED", step: "credentials", hint: "check the credentials" },
  MissingAuthenticationToken: { code: "AUTH_FAILED", step: "credentials", hint: "check the credentials" },
  InvalidSecurity: { code: "AUTH_FAILED", step: "credentials", hint: "use https and valid credentials" },
  ExpiredToken: { code: "AUTH_FAILED", step: "credentials", hint: "the session token expired: renew the temporary keys" },
  ExpiredTokenException: { code: "AUTH_FAILED", step: "credentials", hint: "the session token expired: renew the temporary keys" },
  RequestThrottled: { code: "THROTTLED", step: "sqs", hint: "lower concurrency or request a higher quota" },
  ThrottlingException: { code: "THROTTLED", step: "sqs", hint: "lower concurrency or request a higher quota" },
  Throttling: { code: "THROTTLED", step: "sqs", hint: "lower concurrency or request a higher quota" },
  OverLimit: { code: "THROTTLED", step: "sqs", hint: "too many in-flight messages; delete processed messages" },
  KmsThrottled: { code: "THROTTLED", step: "sqs", hint: "KMS throttled the queue's key" },
  KmsAccessDenied: { code: "KMS_ERROR", step: "sqs", hint: "allow kms:GenerateDataKey and kms:Decrypt on the queue's key" },
  KmsDisabled: { code: "KMS_ERROR", step: "sqs", hint: "enable the queue's KMS key" },
  KmsInvalidKeyUsage: { code: "KMS_ERROR", step: "sqs", hint: "use a symmetric encryption key for the queue" },
  KmsInvalidState: { code: "KMS_ERROR", step: "sqs", hint: "the queue's KMS key is not usable (pending deletion?)" },
  KmsNotFound: { code: "KMS_ERROR", step: "sqs", hint: "the queue's KMS key does not exist" },
  KmsOptInRequired: { code: "KMS_ERROR", step: "sqs", hint: "subscribe the account to KMS" },
  ReceiptHandleIsInvalid: {
    code: "RECEIPT_HANDLE_INVALID",
    step: "sqs",
    hint: "pass the receiptHandle of a message received from this queue",
  },
  InternalError: { code: "SERVICE_UNAVAILABLE", step: "sqs", hint: "retry later" },
  InternalFailure: { code: "SERVICE_UNAVAILABLE", step: "sqs", hint: "retry later" },
  ServiceUnavailable: { code: "SERVICE_UNAVAILABLE", step: "sqs", hint: "retry later" },
};

const NETWORK_ERROR_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
]);

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $fault?: "client" | "server";
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number };
}

/** Turns anything an SQS call threw into a ConnectorError; `action` names the API call for the message. */
export function sqsError(error: unknown, action: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const shape = (error ?? {}) as SdkErrorShape;
  const name = shape.name ?? "Error";
  const detail = (shape.message ?? String(error)).trim();
  const known = BY_NAME[name];
  if (known !== undefined) {
    return new ConnectorError(known.code, `${action} failed: ${name}: ${detail} (${known.hint}).`, {
      cause: error,
      step: known.step,
    });
  }
  if (isNetworkFailure(shape)) {
    return new ConnectorError("NETWORK_ERROR", `${action} failed: could not reach SQS (${shape.code ?? name}: ${detail}).`, {
      cause: error,
      step: "network",
    });
  }
  const status = shape.$metadata?.httpStatusCode ?? shape.$response?.statusCode;
  if (status === 429) {
    return new ConnectorError("THROTTLED", `${action} failed: ${name}: ${detail} (lower concurrency or request a higher quota).`, {
      cause: error,
      step: "sqs",
    });
  }
  if (shape.$fault === "server" || (status !== undefined && status >= 500)) {
    return new ConnectorError("SERVICE_UNAVAILABLE", `${action} failed: SQS answered ${status ?? "a server error"} (${name}: ${detail}).`, {
      cause: error,
      step: "sqs",
    });
  }
  return new ConnectorError("SQS_REQUEST_REJECTED", `${action} failed: ${name}: ${detail}.`, { cause: error, step: "sqs" });
}

function isNetworkFailure(shape: SdkErrorShape): boolean {
  if (shape.code !== undefined && NETWORK_ERROR_CODES.has(shape.code)) return true;
  // Timeouts from the SDK's HTTP handler and aborted sockets carry no HTTP status.
  return (
    shape.$metadata?.httpStatusCode === undefined &&
    ["TimeoutError", "RequestTimeout", "RequestTimeoutException", "NetworkingError"].includes(shape.name ?? "")
  );
}

const FATAL_CODES = new Set<ErrorCode>(["QUEUE_NOT_FOUND", "KMS_ERROR", "QUEUE_URL_REQUIRED", "CONFIG_INVALID", "ENDPOINT_INSECURE"]);

/** Whole-call failures: no later request can succeed, so the operation stops. */
export function isFatal(error: ConnectorError): boolean {
  return error.kind === "auth" || error.step === "certificate" || FATAL_CODES.has(error.code);
}

export function isAccessDenied(error: ConnectorError): boolean {
  return error.code === "ACCESS_DENIED";
}
