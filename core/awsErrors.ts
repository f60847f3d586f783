import type { ErrorCode } from "./errorCodes.js";
import { ConnectorError, type FailureStep } from "./errors.js";

/** What an AWS error code means for us, with the hint that says what to do. */
export interface KnownError {
  code: ErrorCode;
  hint: string;
  /** Default: the step the code's kind implies. */
  step?: FailureStep | undefined;
}

/** What the mapping needs to know about one service: its error codes, and where unclassified refusals go. */
export interface ServiceErrorTable {
  /** The service's name in messages ("SQS", "Kinesis"). */
  service: string;
  /** The step its own refusals belong to. */
  step: FailureStep;
  /** The meaning of the first of these codes (exception name, query-protocol code) the service knows; the message refines it. */
  meaning(codes: ReadonlyArray<string | undefined>, message: string): KnownError | undefined;
  /** The code for a refusal nothing more specific covers. */
  rejectedCode: ErrorCode;
}

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

/**
 * Maps what an AWS SDK call threw (service exceptions, network failures, our
 * own credential errors) to the connector's taxonomy, the same way for every
 * service: its table first, then network failures, throttling (429) and server
 * errors, else the service's rejected code. The service's message is kept: it
 * names the problem and holds no secret.
 */
export function serviceError(error: unknown, action: string, table: ServiceErrorTable): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const shape = (error ?? {}) as SdkErrorShape;
  const name = shape.name ?? "Error";
  const detail = (shape.message ?? String(error)).trim();
  const known = table.meaning([name, shape.Code], detail);
  if (known !== undefined) {
    return new ConnectorError(known.code, `${action} failed: ${name}: ${detail} (${known.hint}).`, { cause: error, step: known.step });
  }
  if (isNetworkFailure(shape)) {
    return new ConnectorError("NETWORK_ERROR", `${action} failed: could not reach ${table.service} (${shape.code ?? name}: ${detail}).`, {
      cause: error,
      step: "network",
    });
  }
  const status = shape.$metadata?.httpStatusCode ?? shape.$response?.statusCode;
  if (status === 429) {
    return new ConnectorError("THROTTLED", `${action} failed: ${name}: ${detail} (lower concurrency or request a higher quota).`, {
      cause: error,
      step: table.step,
    });
  }
  if (shape.$fault === "server" || (status !== undefined && status >= 500)) {
    return new ConnectorError(
      "SERVICE_UNAVAILABLE",
      `${action} failed: ${table.service} answered ${status ?? "a server error"} (${name}: ${detail}).`,
      { cause: error, step: table.step },
    );
  }
  return new ConnectorError(table.rejectedCode, `${action} failed: ${name}: ${detail}.`, { cause: error, step: table.step });
}

function isNetworkFailure(shape: SdkErrorShape): boolean {
  if (shape.code !== undefined && NETWORK_ERROR_CODES.has(shape.code)) return true;
  // Timeouts from the SDK's HTTP handler and aborted sockets carry no HTTP status.
  return (
    shape.$metadata?.httpStatusCode === undefined &&
    ["TimeoutError", "RequestTimeout", "RequestTimeoutException", "NetworkingError"].includes(shape.name ?? "")
  );
}
