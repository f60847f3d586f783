import type { BatchResultErrorEntry } from "@aws-sdk/client-sqs";
import type { ErrorCode } from "./errorCodes.js";
import { ConnectorError, documentError, type DocumentError } from "./errors.js";
import { sqsErrorMeaning } from "./sqsErrorCatalogue.js";

/**
 * Maps what the AWS SDK throws (service exceptions, network failures, our own
 * credential errors) to the connector's taxonomy. The service's message is kept:
 * it names the problem and holds no secret.
 */

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
  /** The query protocol's code (x-amzn-query-error), e.g. AWS.SimpleQueueService.NonExistentQueue. */
  Code?: string;
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
  const known = sqsErrorMeaning([name, shape.Code], detail);
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

/**
 * The result error of one entry SQS failed in a batch reply. `what` says what
 * was refused ("SQS refused this message"); `field` is the document field the
 * entry's problem concerns, when the operation knows it.
 */
export function batchEntryError(failure: BatchResultErrorEntry, what: string, field?: string): DocumentError {
  const reason = `${failure.Code ?? "error"}: ${failure.Message ?? "no message"}`;
  const known = sqsErrorMeaning([failure.Code], failure.Message ?? "");
  const code: ErrorCode = known?.code ?? "MESSAGE_REJECTED";
  const advice = known?.hint ?? "fix the document and send it again";
  return documentError(code, `${what} (${reason}): ${advice}.`, field === undefined ? {} : { field });
}

/** A failed entry SQS may accept when sent again: its own fault, or throttling (whatever SenderFault says). */
export function isRetryableEntry(failure: BatchResultErrorEntry): boolean {
  return failure.SenderFault !== true || sqsErrorMeaning([failure.Code], failure.Message ?? "")?.code === "THROTTLED";
}

const FATAL_CODES = new Set<ErrorCode>([
  "QUEUE_NOT_FOUND",
  "KMS_ERROR",
  "QUEUE_URL_REQUIRED",
  "CONFIG_INVALID",
  "ENDPOINT_INSECURE",
  "QUEUE_ADDRESS_INVALID",
  "OPERATION_UNSUPPORTED",
]);

/** Whole-call failures: no later request can succeed, so the operation stops. */
export function isFatal(error: ConnectorError): boolean {
  return error.kind === "auth" || error.step === "certificate" || FATAL_CODES.has(error.code);
}

export function isAccessDenied(error: ConnectorError): boolean {
  return error.code === "ACCESS_DENIED";
}
