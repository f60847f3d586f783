import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { resolveHost, type Host } from "../../core/host.js";
import { redactedError, redactingLogger, secretValues } from "../../core/redactedOutput.js";
import { Redactor } from "../../core/redaction.js";
import { rolesAnywhereCredentialSource } from "./rolesAnywhereCredentialSource.js";
import { validatedRolesAnywhereSettings, type RolesAnywhereSettings } from "./rolesAnywhereSettings.js";
import { sessionSettings } from "./settings.js";

/** What the provider may borrow from its caller: a logger, a clock, and a signal that ends waits between CreateSession attempts. */
export type RolesAnywhereHost = Pick<Host, "logger" | "clock" | "signal">;

/**
 * IAM Roles Anywhere as an AWS SDK v3 credential provider, for any SDK client
 * (S3, STS, Kinesis, ...): `new S3Client({ credentials: fromRolesAnywhere(settings) })`.
 *
 * `settings` are a connection's Roles Anywhere fields (trustAnchorArn,
 * profileArn, roleArn, certificate, privateKey, ...), validated against the
 * same schema with the same defaults; a bad or inconsistent one throws
 * CONFIG_INVALID (or ENDPOINT_INSECURE) here. Credentials come from the process-wide session cache that
 * connections use too: a connection and a provider with the same settings share
 * one session, refreshed 60 s before it expires. Errors are ConnectorErrors
 * with the connection's codes (CERTIFICATE_EXPIRED, ROLES_ANYWHERE_ACCESS_DENIED,
 * ...), and no secret appears in them or in log lines.
 */
export function fromRolesAnywhere(settings: RolesAnywhereSettings, host: RolesAnywhereHost = {}): AwsCredentialIdentityProvider {
  const redactor = new Redactor();
  for (const secret of secretValues(settings)) redactor.add(secret);
  const resolved = resolveHost(host);
  const { provider } = redactingErrors(redactor, () => {
    const validated = validatedRolesAnywhereSettings(settings);
    // Settings that contradict each other fail now too, like every other setting; the certificate is read on first use.
    sessionSettings(validated);
    return rolesAnywhereCredentialSource(validated, {
      clock: resolved.clock,
      logger: redactingLogger(resolved.logger, redactor),
      redactor,
      signal: resolved.signal ?? new AbortController().signal,
    });
  });
  return async (): Promise<AwsCredentialIdentity> => {
    try {
      return await provider();
    } catch (error) {
      throw redactedError(error, redactor, "ROLES_ANYWHERE_FAILED");
    }
  };
}

function redactingErrors<T>(redactor: Redactor, build: () => T): T {
  try {
    return build();
  } catch (error) {
    throw redactedError(error, redactor, "ROLES_ANYWHERE_FAILED");
  }
}
