import type { AwsCredentialIdentity } from "@smithy/types";
import { ConnectorError } from "../../core/errors.js";
import type { Clock, Logger } from "../../core/host.js";
import { retrying, sessionRetry } from "../../core/retryPolicy.js";
import { SigningClock } from "./clockCorrection.js";
import { postOnce, type HttpReply } from "./httpTransport.js";
import { serviceError } from "./serviceErrors.js";
import type { SessionSettings } from "./settings.js";
import type { SigningIdentity } from "./signingIdentity.js";
import { signSessionRequest, type SessionRequest } from "./x509Signer.js";

/** Temporary credentials; `expiration` lets the AWS SDK refresh them mid-run. */
export interface SessionCredentials extends AwsCredentialIdentity {
  readonly sessionToken: string;
  readonly expiration: Date;
}

export interface CreateSessionOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  /** Attempts in all, for throttling, server errors and network failures. */
  readonly attempts: number;
  /** Deadline of one attempt, connect to last byte. */
  readonly timeoutMs: number;
  /** Ends a wait between attempts (and an attempt in flight): the connection closed. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Calls CreateSession, retrying what may pass on its own (throttling, 5xx,
 * network, a clock refusal the service's Date header corrects) with
 * exponential backoff. Each attempt is signed afresh, so its X-Amz-Date is
 * current. Throws a ConnectorError.
 */
export async function createSession(
  settings: SessionSettings,
  identity: SigningIdentity,
  options: CreateSessionOptions,
): Promise<SessionCredentials> {
  const request = sessionRequest(settings);
  const clock = new SigningClock(() => options.clock.now());
  let attempts = 0;
  try {
    return await retrying(
      sessionRetry(options.attempts),
      (attempt) => {
        attempts = attempt;
        return attemptOnce(request, settings, identity, options, clock);
      },
      {
        retryable: (error) => error instanceof ConnectorError && error.retryable,
        signal: options.signal,
        onRetry: (error, attempt) =>
          options.logger.warn("Roles Anywhere CreateSession will be retried", { code: (error as ConnectorError).code, attempt }),
      },
    );
  } catch (error) {
    throw attempts > 1 && error instanceof ConnectorError ? afterAttempts(error, attempts) : error;
  }
}

/** Query parameters as AWS's own helper sends them; the body carries only what the builder set. */
export function sessionRequest(settings: SessionSettings): SessionRequest {
  return {
    url: settings.url,
    query: { profileArn: settings.profileArn, roleArn: settings.roleArn, trustAnchorArn: settings.trustAnchorArn },
    body: JSON.stringify({
      durationSeconds: settings.durationSeconds,
      ...(settings.sessionName === undefined ? {} : { roleSessionName: settings.sessionName }),
    }),
  };
}

async function attemptOnce(
  request: SessionRequest,
  settings: SessionSettings,
  identity: SigningIdentity,
  options: CreateSessionOptions,
  clock: SigningClock,
): Promise<SessionCredentials> {
  const signed = signSessionRequest(request, identity, settings.region, clock.signingDate());
  let reply: HttpReply;
  try {
    reply = await postOnce(signed.url, signed.headers, signed.body, options.timeoutMs, options.signal);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConnectorError("NETWORK_ERROR", `Could not reach IAM Roles Anywhere at ${settings.url.origin}: ${reason}.`, {
      step: "network",
      cause: error,
    });
  }
  if (reply.status >= 200 && reply.status < 300) return credentialsFrom(reply);
  const failure = clock.judge(reply, serviceError(reply, settings));
  if (failure.code === "ROLES_ANYWHERE_SIGNATURE_REJECTED") {
    options.logger.debug("Roles Anywhere rejected this signed request", {
      canonicalRequest: signed.canonicalRequest,
      stringToSign: signed.stringToSign,
    });
  }
  throw failure;
}

/** `credentialSet[0].credentials`; the body holds secrets, so no message ever quotes it. */
function credentialsFrom(reply: HttpReply): SessionCredentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(reply.body);
  } catch {
    // No cause: JSON.parse quotes the text it failed on, and that text may hold the secret key.
    throw malformed(reply, "its body is not JSON");
  }
  const set = field(parsed, "credentialSet");
  if (!Array.isArray(set) || set.length === 0) {
    throw malformed(reply, "it returned no credentials (empty credentialSet)");
  }
  const credentials = field(set[0], "credentials");
  const accessKeyId = field(credentials, "accessKeyId");
  const secretAccessKey = field(credentials, "secretAccessKey");
  const sessionToken = field(credentials, "sessionToken");
  const expirationText = field(credentials, "expiration");
  if (typeof accessKeyId !== "string" || typeof secretAccessKey !== "string" || typeof sessionToken !== "string") {
    throw malformed(reply, "its credentials lack accessKeyId, secretAccessKey or sessionToken");
  }
  const expiration = new Date(typeof expirationText === "string" ? expirationText : Number.NaN);
  if (Number.isNaN(expiration.getTime())) throw malformed(reply, "its credentials have no readable expiration");
  return { accessKeyId, secretAccessKey, sessionToken, expiration };
}

function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>)[name] : undefined;
}

function malformed(reply: HttpReply, what: string): ConnectorError {
  return new ConnectorError("ROLES_ANYWHERE_FAILED", `IAM Roles Anywhere answered HTTP ${reply.status}, but ${what}.`, {
    step: "credentials",
    details: { httpStatus: reply.status },
  });
}

function afterAttempts(error: ConnectorError, attempts: number): ConnectorError {
  return new ConnectorError(error.code, `${error.message} (gave up after ${attempts} attempts)`, {
    field: error.field,
    step: error.step,
    retryable: error.retryable,
    details: error.details,
    cause: error.cause,
  });
}
