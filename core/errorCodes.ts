/**
 * The catalogue of stable error codes. Hosts route on `code`; `kind` and
 * `retryable` are the defaults every error with that code carries. The README's
 * error table is checked against this list by a test, so they cannot drift.
 */
export type ErrorKind = "config" | "auth" | "remote" | "transient";

export interface ErrorCodeInfo {
  readonly kind: ErrorKind;
  readonly retryable: boolean;
  /** One line for documentation: when the code appears. */
  readonly summary: string;
}

const config = (summary: string): ErrorCodeInfo => ({ kind: "config", retryable: false, summary });
const auth = (summary: string): ErrorCodeInfo => ({ kind: "auth", retryable: false, summary });
const remote = (summary: string): ErrorCodeInfo => ({ kind: "remote", retryable: false, summary });
const transient = (summary: string): ErrorCodeInfo => ({ kind: "transient", retryable: true, summary });

export const ERROR_CODES = {
  // Connection and operation configuration
  CONFIG_INVALID: config("A connection or operation setting is missing, of the wrong type or out of range."),
  ENDPOINT_INSECURE: config("An http:// endpoint names a host other than loopback; use https://."),
  OPERATION_UNKNOWN: config("The operation id is not in the manifest."),
  QUEUE_URL_REQUIRED: config("The queue could not be looked up by name (GetQueueUrl denied); give queueUrl."),
  // Certificates and keys (Roles Anywhere)
  CERTIFICATE_INVALID: config("The certificate is not a readable X.509 certificate (PEM or PKCS#12)."),
  CERTIFICATE_CHAIN_INVALID: config("The certificate chain is not a list of readable X.509 certificates."),
  CERTIFICATE_EXPIRED: config("The certificate's validity ended (notAfter is in the past)."),
  CERTIFICATE_NOT_YET_VALID: config("The certificate's validity has not started (notBefore is in the future)."),
  PRIVATE_KEY_INVALID: config("The private key is not a readable PKCS#8, PKCS#1, SEC1 or PKCS#12 key."),
  PRIVATE_KEY_PASSPHRASE_REQUIRED: config("The private key or PKCS#12 bundle is encrypted and no passphrase was given."),
  PRIVATE_KEY_PASSPHRASE_WRONG: config("The passphrase does not decrypt the private key or PKCS#12 bundle."),
  KEY_CERTIFICATE_MISMATCH: config("The private key does not belong to the certificate."),
  KEY_TYPE_UNSUPPORTED: config("The key is neither RSA nor EC P-256/P-384 (e.g. Ed25519, DSA, P-521)."),
  // Credentials and authorisation
  CREDENTIALS_MISSING: auth("No credentials were found (default chain empty, or keys not given)."),
  AUTH_FAILED: auth("AWS rejected the credentials (unknown key, bad signature, expired token)."),
  ACCESS_DENIED: auth("The credentials are valid but not allowed to perform the SQS or Kinesis action."),
  ROLES_ANYWHERE_SIGNATURE_REJECTED: auth("Roles Anywhere rejected the request signature."),
  ROLES_ANYWHERE_UNTRUSTED_CERTIFICATE: auth("Roles Anywhere does not trust the certificate (trust anchor or missing intermediates)."),
  ROLES_ANYWHERE_SESSION_NAME_NOT_ALLOWED: auth(
    "The profile does not accept a role session name; clear sessionName or enable it on the profile.",
  ),
  ROLES_ANYWHERE_ACCESS_DENIED: auth("Roles Anywhere denied the session (profile, role or trust policy)."),
  ROLES_ANYWHERE_NOT_FOUND: auth("The profile, role or trust anchor does not exist (or is in another region)."),
  ROLES_ANYWHERE_INVALID_REQUEST: auth("Roles Anywhere refused the request's parameters (ValidationException)."),
  ROLES_ANYWHERE_FAILED: auth("CreateSession failed for a reason Roles Anywhere did not classify."),
  // SQS, non-retryable
  QUEUE_NOT_FOUND: remote("The queue does not exist in this account and region."),
  KMS_ERROR: remote("SQS or Kinesis could not use the queue's or stream's KMS key (disabled, denied, not found)."),
  SQS_REQUEST_REJECTED: remote("SQS rejected the request for a reason not covered by a more specific code."),
  // Transient
  THROTTLED: transient("SQS, Kinesis or Roles Anywhere throttled the request; retried and still throttled."),
  SERVICE_UNAVAILABLE: transient("The service answered with a server error; retried and still failing."),
  NETWORK_ERROR: transient("The connection failed, was reset, or timed out; retried and still failing."),
  ABORTED: transient("The host cancelled the run before this document was sent."),
  // Per-document input problems
  DOCUMENT_INVALID: config("The document does not match the operation's input schema."),
  MESSAGE_BODY_EMPTY: config("The message body is empty; SQS requires at least one character."),
  MESSAGE_BODY_INVALID_CHARACTERS: config("The body contains characters SQS does not accept (XML 1.0 set only)."),
  MESSAGE_TOO_LARGE: config("Body plus attributes exceed the queue's MaximumMessageSize."),
  MESSAGE_ATTRIBUTES_TOO_MANY: config("More than 10 message attributes."),
  MESSAGE_ATTRIBUTE_NAME_INVALID: config("A message attribute name is malformed or reserved (AWS., Amazon.)."),
  MESSAGE_ATTRIBUTE_INVALID: config("A message attribute's DataType or value is not valid."),
  MESSAGE_GROUP_ID_REQUIRED: config("A FIFO queue needs a message group id and none was found."),
  MESSAGE_GROUP_ID_INVALID: config("The message group id is empty, over 128 characters or has characters SQS refuses."),
  DEDUPLICATION_ID_REQUIRED: config("A FIFO queue without content-based deduplication needs a deduplication id."),
  DEDUPLICATION_ID_INVALID: config("The deduplication id is empty, over 128 characters or has characters SQS refuses."),
  DEDUPLICATION_ID_NOT_ALLOWED: config("A deduplication id was given for a standard queue; it only applies to FIFO queues."),
  DELAY_INVALID: config("delaySeconds is outside 0..900."),
  DELAY_NOT_ALLOWED_ON_FIFO: config("FIFO queues do not accept a per-message delay; set the delay on the queue."),
  RECEIPT_HANDLE_INVALID: config("SQS does not accept the receipt handle (malformed, expired, or from another queue)."),
  BODY_DECODE_FAILED: config("A received body could not be decoded as the configured bodyEncoding."),
  MESSAGE_REJECTED: remote("SQS rejected this one message for a reason it reported (see the message)."),
  // Host contract (manifest.json contractVersion)
  CONTRACT_VERSION_UNSUPPORTED: config(
    "The manifest's contractVersion is not one this host knows; use a host and package of matching versions.",
  ),
  // Issue 10: every documented SQS and AWS auth error has a code of its own
  CLOCK_SKEW: auth("This host's clock is too far from AWS time and the SDK's correction did not help; synchronise the clock (NTP)."),
  OPT_IN_REQUIRED: auth("The account is not subscribed to SQS in this region (an opt-in region that is not enabled)."),
  QUEUE_ADDRESS_INVALID: config("SQS does not serve the queue URL's account id or address (InvalidAddress)."),
  OPERATION_UNSUPPORTED: remote("The endpoint does not support the action or a parameter of it (UnsupportedOperation)."),
  BATCH_REQUEST_INVALID: remote("SQS refused the shape of a batch (entry ids, entry count); a connector or server fault."),
  ATTRIBUTE_NAME_INVALID: config("SQS does not know an attribute name in the request (queue, system or message attribute)."),
  ATTRIBUTE_VALUE_INVALID: config("SQS refused an attribute value in the request."),
  PARAMETER_INVALID: config("SQS refused a parameter's value (InvalidParameterValue, ValidationError); the message names it."),
  PARAMETER_MISSING: config("SQS missed a required parameter (MissingParameter); the message names it."),
  MESSAGE_NOT_INFLIGHT: remote("The message is not in flight (not received, or its visibility timeout ended)."),
  PURGE_IN_PROGRESS: {
    kind: "remote",
    retryable: true,
    summary: "The queue was purged less than 60 seconds ago; try again after a minute.",
  },
  QUEUE_DELETED_RECENTLY: {
    kind: "remote",
    retryable: true,
    summary: "A queue of this name was deleted less than 60 seconds ago; create it again after a minute.",
  },
  // Security and robustness (issue 9)
  BODY_TOO_DEEP: config("A JSON body is nested deeper than the manifest's documentLimits.bodyMaxDepth; flatten it or send it as a string."),
  FILE_NOT_READABLE: config(
    'A file a connection names ("@path") is missing, not permitted, or not a regular file (a directory, FIFO or device).',
  ),
  FILE_TOO_LARGE: config('A file a connection names ("@path") is larger than the 1 MiB any certificate or key needs.'),
  SQS_RESPONSE_INVALID: remote("An answer lacks what SQS always sends (a QueueUrl, attributes, a queue list): the endpoint is not SQS."),
  EMBEDDED_SQS_UNAVAILABLE: config(
    '"endpoint": "embedded" needs the emulator fauxqs, not installed without dev dependencies: npm install fauxqs@1.9.',
  ),
  QUEUE_URL_REFUSED: config("A queue URL names a host other than the connection's SQS (AWS's SQS hosts of its region, or its endpoint)."),
  // Kinesis Data Streams (putRecords)
  STREAM_NOT_FOUND: remote("The stream does not exist in this account and region, or is not ACTIVE."),
  KINESIS_REQUEST_REJECTED: remote("Kinesis rejected the request for a reason not covered by a more specific code."),
  RECORD_REJECTED: remote("Kinesis rejected this one record for a reason it reported (see the message)."),
  RECORD_TOO_LARGE: config("Data plus partition key exceed the stream's maximum record size (MaxRecordSizeInKiB, 1 MiB by default)."),
  PARTITION_KEY_REQUIRED: config("No partition key was found (document, partitionKeyPointer or the configured partitionKey)."),
  PARTITION_KEY_INVALID: config("The partition key is empty or longer than 256 characters."),
  EXPLICIT_HASH_KEY_INVALID: config("The explicit hash key is not a decimal number from 0 to 2^128 - 1."),
  // Listening and visibility changes (listen, changeVisibility)
  VISIBILITY_LIMIT_REACHED: config(
    "Handling outlasted maxProcessingSeconds or SQS's 12-hour visibility cap; the message became visible again and its late outcome was not applied.",
  ),
  MESSAGE_POISONED: remote(
    "The message was received more than maxReceives times: moved to the dead-letter queue, or left to the queue's redrive policy.",
  ),
  HANDLER_FAILED: transient(
    "The handler failed (threw, or its command exited non-zero); the message is delivered again after its backoff.",
  ),
  // Large payloads through Amazon S3 (issue 13)
  PAYLOAD_NOT_FOUND: remote(
    "The S3 object a pointer message names does not exist (deleted, expired, or its bucket is gone); the error carries the receipt handle.",
  ),
  PAYLOAD_ACCESS_DENIED: remote(
    "S3 refused to store, read or remove a payload object (AccessDenied: IAM, bucket policy, KMS key, or expectedBucketOwner); grant s3:PutObject, s3:GetObject or s3:DeleteObject on the key prefix.",
  ),
  PAYLOAD_NOT_ALLOWED: config(
    "A pointer or receipt handle names a bucket or key that largePayload does not allow (bucket, keyPrefix, allowedBuckets); nothing was read or removed.",
  ),
  PAYLOAD_POINTER_INVALID: config(
    "A message marked as a large-payload pointer (SQSLargePayloadSize or ExtendedPayloadSize) has no valid S3 pointer as its body, or a receipt handle's S3 markers are malformed.",
  ),
  PAYLOAD_TOO_LARGE: config("The payload is larger than largePayload.maxPayloadBytes (256 MiB by default, 500 MiB at most)."),
  PAYLOAD_BUCKET_NOT_FOUND: config("The largePayload bucket does not exist (or is in another region than the connection's)."),
  S3_REQUEST_REJECTED: remote("S3 rejected the request for a reason not covered by a more specific code."),
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_CODES, value);
}
