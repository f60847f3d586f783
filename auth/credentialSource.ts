import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { Clock, Logger } from "../core/host.js";
import type { Redactor } from "../core/redaction.js";
import type { AuthType } from "../core/types.js";

/** What an auth type needs from the connection that owns it. */
export interface CredentialContext {
  clock: Clock;
  logger: Logger;
  /** Temporary secrets a source obtains are added here so they never leak. */
  redactor: Redactor;
  /** Aborted when the connection closes: ends waits between credential attempts. */
  signal: AbortSignal;
}

/** One auth type's way of getting credentials for the SQS client. */
export interface CredentialSource {
  readonly authType: AuthType;
  /**
   * Checks that need no network (certificate and key for Roles Anywhere) and
   * returns non-secret facts for the test report. Throws a ConnectorError.
   */
  preflight(): Promise<Record<string, string>>;
  /** Called by the SQS client before signing; throws a ConnectorError (step `credentials`). */
  readonly provider: AwsCredentialIdentityProvider;
}
