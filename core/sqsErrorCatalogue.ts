import type { ErrorCode } from "./errorCodes.js";
import type { FailureStep } from "./errors.js";

/** What an SQS error code (or a batch entry's Code) means for us. */
export interface SqsErrorMeaning {
  code: ErrorCode;
  /** What the builder should do; appended to the service's own words. */
  hint: string;
  step?: FailureStep;
}

const QUEUE_MISSING = "check the queue name or URL, the region and the account";
const THROTTLED = "lower concurrency or request a higher quota";
const RETRY_LATER = "retry later";
const CLOCK = "this host's clock is wrong and the SDK's own correction did not help: synchronise it (NTP) and run again";
const CHECK_CREDENTIALS = "check the access key id, the secret access key and the session token";
const BATCH_SHAPE = "the connector built a batch SQS refused: report this with the message";
const PARAMETER = "correct the field the message names";

const auth = (code: ErrorCode, hint: string): SqsErrorMeaning => ({ code, hint, step: "credentials" });
const sqs = (code: ErrorCode, hint: string): SqsErrorMeaning => ({ code, hint, step: "sqs" });

/**
 * SQS's error codes (the JSON protocol's `__type` name, the query protocol's
 * code, and the Code of a failed batch entry) and AWS's common errors, each
 * with the code of ours it becomes. Codes not listed here fall back on the
 * HTTP status (throttling, server error) or SQS_REQUEST_REJECTED.
 */
const BY_SQS_CODE: Record<string, SqsErrorMeaning> = {
  QueueDoesNotExist: sqs("QUEUE_NOT_FOUND", QUEUE_MISSING),
  "AWS.SimpleQueueService.NonExistentQueue": sqs("QUEUE_NOT_FOUND", QUEUE_MISSING),
  ResourceNotFoundException: sqs("QUEUE_NOT_FOUND", QUEUE_MISSING),
  InvalidAddress: sqs("QUEUE_ADDRESS_INVALID", "check the queue URL: its account id or address is not one SQS serves"),
  UnsupportedOperation: sqs("OPERATION_UNSUPPORTED", "this SQS endpoint does not offer the action or parameter; use another endpoint"),
  // Authorisation: the credentials are valid.
  AccessDenied: sqs("ACCESS_DENIED", "grant the IAM action named above on this queue"),
  AccessDeniedException: sqs("ACCESS_DENIED", "grant the IAM action named above on this queue"),
  NotAuthorized: sqs("ACCESS_DENIED", "grant the IAM action named above on this queue"),
  OptInRequired: auth("OPT_IN_REQUIRED", "enable the region for the account (AWS console, Account, AWS Regions) or choose another region"),
  // Authentication: the credentials or the signature were refused.
  InvalidClientTokenId: auth("AUTH_FAILED", "check the access key id (and region partition)"),
  UnrecognizedClientException: auth("AUTH_FAILED", "check the access key id"),
  SignatureDoesNotMatch: auth("AUTH_FAILED", "check the secret access key"),
  InvalidSignatureException: auth("AUTH_FAILED", "check the secret access key"),
  IncompleteSignature: auth("AUTH_FAILED", CHECK_CREDENTIALS),
  IncompleteSignatureException: auth("AUTH_FAILED", CHECK_CREDENTIALS),
  MissingAuthenticationToken: auth("AUTH_FAILED", CHECK_CREDENTIALS),
  MissingAuthenticationTokenException: auth("AUTH_FAILED", CHECK_CREDENTIALS),
  AuthFailure: auth("AUTH_FAILED", CHECK_CREDENTIALS),
  InvalidSecurity: auth("AUTH_FAILED", "use https and valid credentials"),
  ExpiredToken: auth("AUTH_FAILED", "the session token expired: renew the temporary keys"),
  ExpiredTokenException: auth("AUTH_FAILED", "the session token expired: renew the temporary keys"),
  // The clock: what is left after the SDK corrected its clock from the server's Date and retried.
  RequestExpired: auth("CLOCK_SKEW", CLOCK),
  RequestTimeTooSkewed: auth("CLOCK_SKEW", CLOCK),
  RequestInTheFuture: auth("CLOCK_SKEW", CLOCK),
  // Throttling and the service's own faults.
  RequestThrottled: sqs("THROTTLED", THROTTLED),
  ThrottlingException: sqs("THROTTLED", THROTTLED),
  Throttling: sqs("THROTTLED", THROTTLED),
  OverLimit: sqs("THROTTLED", "too many in-flight messages; delete processed messages"),
  KmsThrottled: sqs("THROTTLED", "KMS throttled the queue's key"),
  "KMS.ThrottlingException": sqs("THROTTLED", "KMS throttled the queue's key"),
  InternalError: sqs("SERVICE_UNAVAILABLE", RETRY_LATER),
  InternalFailure: sqs("SERVICE_UNAVAILABLE", RETRY_LATER),
  ServiceUnavailable: sqs("SERVICE_UNAVAILABLE", RETRY_LATER),
  // KMS (KMS.* entry codes are matched by prefix).
  KmsAccessDenied: sqs("KMS_ERROR", "allow kms:GenerateDataKey and kms:Decrypt on the queue's key"),
  KmsDisabled: sqs("KMS_ERROR", "enable the queue's KMS key"),
  KmsInvalidKeyUsage: sqs("KMS_ERROR", "use a symmetric encryption key for the queue"),
  KmsInvalidState: sqs("KMS_ERROR", "the queue's KMS key is not usable (pending deletion?)"),
  KmsNotFound: sqs("KMS_ERROR", "the queue's KMS key does not exist"),
  KmsOptInRequired: sqs("KMS_ERROR", "subscribe the account to KMS"),
  // Batches as a whole.
  BatchEntryIdsNotDistinct: sqs("BATCH_REQUEST_INVALID", BATCH_SHAPE),
  EmptyBatchRequest: sqs("BATCH_REQUEST_INVALID", BATCH_SHAPE),
  InvalidBatchEntryId: sqs("BATCH_REQUEST_INVALID", BATCH_SHAPE),
  TooManyEntriesInBatchRequest: sqs("BATCH_REQUEST_INVALID", BATCH_SHAPE),
  BatchRequestTooLong: sqs("MESSAGE_TOO_LARGE", "the server accepts less than the service limit: shorten the message"),
  // One message or one parameter.
  InvalidMessageContents: sqs("MESSAGE_BODY_INVALID_CHARACTERS", "remove the characters SQS does not accept"),
  MessageTooLong: sqs("MESSAGE_TOO_LARGE", "shorten the message"),
  InvalidAttributeName: sqs("ATTRIBUTE_NAME_INVALID", "use an attribute name SQS knows"),
  InvalidAttributeValue: sqs("ATTRIBUTE_VALUE_INVALID", "correct the attribute's value"),
  ReceiptHandleIsInvalid: sqs("RECEIPT_HANDLE_INVALID", "pass the receiptHandle of a message received from this queue"),
  InvalidIdFormat: sqs("RECEIPT_HANDLE_INVALID", "pass the receiptHandle of a message received from this queue"),
  MessageNotInflight: sqs("MESSAGE_NOT_INFLIGHT", "the message is not in flight: receive it again and use the new receipt handle"),
  // The query protocol's name, which batch entries may carry (listen, changeVisibility).
  "AWS.SimpleQueueService.MessageNotInflight": sqs(
    "MESSAGE_NOT_INFLIGHT",
    "the message is not in flight: receive it again and use the new receipt handle",
  ),
  InvalidParameterValue: sqs("PARAMETER_INVALID", PARAMETER),
  InvalidParameterCombination: sqs("PARAMETER_INVALID", PARAMETER),
  ValidationError: sqs("PARAMETER_INVALID", PARAMETER),
  MissingParameter: sqs("PARAMETER_MISSING", "add the parameter the message names"),
  // Queue housekeeping (emulator set-up, purges).
  PurgeQueueInProgress: sqs("PURGE_IN_PROGRESS", "the queue was purged less than 60 seconds ago: wait a minute"),
  QueueDeletedRecently: sqs("QUEUE_DELETED_RECENTLY", "a queue of this name was deleted less than 60 seconds ago: wait a minute"),
};

/** Codes whose meaning depends on the service's message (SQS reuses them for different problems). */
const BY_MESSAGE: Array<{ codes: string[]; message: RegExp; meaning: SqsErrorMeaning }> = [
  {
    // "Signature expired: 20240101T000000Z is now earlier than ..." / "Signature not yet current".
    codes: ["InvalidSignatureException", "SignatureDoesNotMatch", "AuthFailure"],
    message: /signature (expired|not yet current)/i,
    meaning: auth("CLOCK_SKEW", CLOCK),
  },
  {
    // A visibility change past SQS's cap (12 hours from the receive): "... Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]".
    codes: ["InvalidParameterValue"],
    message: /total visibilitytimeout .*beyond the limit/i,
    meaning: sqs("VISIBILITY_LIMIT_REACHED", "SQS allows at most 12 hours of visibility from the receive that returned the message"),
  },
  {
    // FIFO queues answer an expired receipt handle with "... for parameter ReceiptHandle is invalid. Reason: ...".
    codes: ["InvalidParameterValue"],
    message: /receipt ?handle/i,
    meaning: sqs("RECEIPT_HANDLE_INVALID", "the receipt handle expired or is not from this queue: receive the message again"),
  },
];

/** The meaning of an SQS error code, refined by its message where SQS reuses a code; undefined when unknown. */
export function sqsErrorMeaning(codes: ReadonlyArray<string | undefined>, message: string): SqsErrorMeaning | undefined {
  for (const code of codes) {
    if (code === undefined) continue;
    const refined = BY_MESSAGE.find((rule) => rule.codes.includes(code) && rule.message.test(message));
    if (refined !== undefined) return refined.meaning;
    const known = BY_SQS_CODE[code];
    if (known !== undefined) return known;
    if (code.startsWith("KMS.") || code.startsWith("Kms")) return sqs("KMS_ERROR", "check the queue's KMS key and the permissions on it");
  }
  return undefined;
}

/**
 * The meaning of another service's error codes: AWS's common errors
 * (authentication, opt-in, clock), which every AWS service answers alike (the
 * entries of this catalogue that concern the credentials), then the first code
 * `byName` knows.
 */
export function withAwsCommonErrors(
  byName: (code: string) => SqsErrorMeaning | undefined,
): (codes: ReadonlyArray<string | undefined>, message: string) => SqsErrorMeaning | undefined {
  return (codes, message) => {
    const common = sqsErrorMeaning(codes, message);
    if (common?.step === "credentials") return common;
    for (const code of codes) {
      const known = code === undefined ? undefined : byName(code);
      if (known !== undefined) return known;
    }
    return undefined;
  };
}

/** Codes of ours that are about one document's content: a batch refused with one is resent entry by entry to find it. */
const ABOUT_A_DOCUMENT = new Set<ErrorCode>([
  "MESSAGE_TOO_LARGE",
  "MESSAGE_BODY_INVALID_CHARACTERS",
  "ATTRIBUTE_NAME_INVALID",
  "ATTRIBUTE_VALUE_INVALID",
  "RECEIPT_HANDLE_INVALID",
  "MESSAGE_NOT_INFLIGHT",
  "VISIBILITY_LIMIT_REACHED",
  "PARAMETER_INVALID",
  "PARAMETER_MISSING",
]);

export function isAboutADocument(code: ErrorCode): boolean {
  return ABOUT_A_DOCUMENT.has(code);
}
