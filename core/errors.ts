import { ERROR_CODES, type ErrorCode, type ErrorKind } from "./errorCodes.js";

/** The error part of an error result: data, never thrown. */
export interface DocumentError {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  /** JSON pointer (or config key) of the offending field, when there is one. */
  field?: string;
  /** Extra, non-secret facts (e.g. the receipt handle of a message that could not be decoded). */
  details?: Record<string, unknown>;
}

/** Which part of a connection test or call failed. */
export type FailureStep = "config" | "certificate" | "credentials" | "sqs" | "kinesis" | "s3" | "network";

export interface ConnectorErrorOptions {
  field?: string;
  step?: FailureStep;
  retryable?: boolean;
  cause?: unknown;
  details?: Record<string, unknown>;
}

/**
 * A failure that dooms a whole call (bad credentials, queue missing, invalid
 * config). Per-document problems are `DocumentError` data instead.
 */
export class ConnectorError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly retryable: boolean;
  readonly field: string | undefined;
  readonly step: FailureStep | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: ConnectorErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ConnectorError";
    this.code = code;
    this.kind = ERROR_CODES[code].kind;
    this.retryable = options.retryable ?? ERROR_CODES[code].retryable;
    this.field = options.field;
    this.step = options.step ?? defaultStep(this.kind);
    this.details = options.details;
  }

  toDocumentError(): DocumentError {
    const error: DocumentError = { code: this.code, message: this.message, retryable: this.retryable };
    if (this.field !== undefined) error.field = this.field;
    if (this.details !== undefined) error.details = this.details;
    return error;
  }

  /** The same error with every text passed through `redact`; the cause chain is reduced to redacted text. */
  redacted(redact: (text: string) => string): ConnectorError {
    const cause = this.cause === undefined ? undefined : redactedCause(this.cause, redact);
    const copy = new ConnectorError(this.code, redact(this.message), {
      field: this.field,
      step: this.step,
      retryable: this.retryable,
      cause,
      details: this.details,
    });
    copy.stack = this.stack === undefined ? undefined : redact(this.stack);
    return copy;
  }
}

function defaultStep(kind: ErrorKind): FailureStep {
  switch (kind) {
    case "config":
      return "config";
    case "auth":
      return "credentials";
    case "remote":
      return "sqs";
    case "transient":
      return "network";
  }
}

function redactedCause(cause: unknown, redact: (text: string) => string): Error {
  if (cause instanceof ConnectorError) return cause.redacted(redact);
  const plain = new Error(redact(cause instanceof Error ? cause.message : String(cause)));
  if (cause instanceof Error) {
    plain.name = cause.name;
    plain.stack = cause.stack === undefined ? undefined : redact(cause.stack);
  }
  return plain;
}

export function documentError(
  code: ErrorCode,
  message: string,
  options: { field?: string; retryable?: boolean; details?: Record<string, unknown> } = {},
): DocumentError {
  const error: DocumentError = { code, message, retryable: options.retryable ?? ERROR_CODES[code].retryable };
  if (options.field !== undefined) error.field = options.field;
  if (options.details !== undefined) error.details = options.details;
  return error;
}
