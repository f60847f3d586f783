import type { BatchResultErrorEntry } from "@aws-sdk/client-sqs";
import type { ErrorCode } from "./errorCodes.js";
import { serviceError, type ServiceErrorTable } from "./awsErrors.js";
import { documentError, type ConnectorError, type DocumentError } from "./errors.js";
import { sqsErrorMeaning } from "./sqsErrorCatalogue.js";

const SQS: ServiceErrorTable = {
  service: "SQS",
  step: "sqs",
  meaning: sqsErrorMeaning,
  rejectedCode: "SQS_REQUEST_REJECTED",
};

/** Turns anything an SQS call threw into a ConnectorError; `action` names the API call for the message. */
export function sqsError(error: unknown, action: string): ConnectorError {
  return serviceError(error, action, SQS);
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
