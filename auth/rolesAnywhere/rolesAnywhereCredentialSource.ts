import type { ConnectionConfig } from "../../core/types.js";
import type { CredentialContext, CredentialSource } from "../credentialSource.js";
import { sharedSessionCredentials } from "./credentialCache.js";
import { createSession, type SessionCredentials } from "./createSession.js";
import { looksLikePem } from "./pem.js";
import { rolesAnywhereSettingsOf, type RolesAnywhereSettings } from "./rolesAnywhereSettings.js";
import { sessionSettings, type SessionSettings } from "./settings.js";
import { checkValidity, identityFacts, loadSigningIdentity, type SigningIdentity } from "./signingIdentity.js";

export { clearSessionCredentialCache } from "./credentialCache.js";

interface Prepared {
  readonly settings: SessionSettings;
  readonly attempts: number;
  readonly timeoutMs: number;
  readonly identity: SigningIdentity;
  readonly cacheKey: string;
}

/**
 * IAM Roles Anywhere: temporary credentials from CreateSession, signed with the
 * connection's X.509 certificate and key, shared process-wide through the
 * session cache. Nothing is checked here, so a bad certificate surfaces in
 * preflight (step "certificate") where a connection test can report it.
 */
export function rolesAnywhereCredentialSource(
  config: ConnectionConfig | RolesAnywhereSettings,
  context: CredentialContext,
): CredentialSource {
  context.redactor.add(config.privateKey);
  context.redactor.add(config.privateKeyPassphrase);
  // A PKCS#12 bundle in the certificate field carries the (encrypted) private key.
  if (config.certificate !== undefined && !looksLikePem(config.certificate)) context.redactor.add(config.certificate);

  let prepared: Prepared | undefined;
  const prepare = (): Prepared => (prepared ??= prepareSession(config));
  const fetchFresh = async (): Promise<SessionCredentials> => {
    const { settings, identity, attempts, timeoutMs } = prepare();
    checkValidity(identity, context.clock.now());
    return createSession(settings, identity, { clock: context.clock, logger: context.logger, attempts, timeoutMs, signal: context.signal });
  };

  return {
    authType: "rolesAnywhere",
    preflight: async () => {
      const { settings, identity } = prepare();
      checkValidity(identity, context.clock.now());
      return { ...identityFacts(identity), endpoint: settings.url.origin, region: settings.region };
    },
    provider: async () => {
      const credentials = await sharedSessionCredentials(prepare().cacheKey, context.clock, fetchFresh);
      // Entries are shared across connections: each connection's redactor must learn them.
      context.redactor.add(credentials.secretAccessKey);
      context.redactor.add(credentials.sessionToken);
      return { ...credentials };
    },
  };
}

/** Validated against the connection schema here too, so a source built from raw settings gets the schema's defaults and checks. */
function prepareSession(config: ConnectionConfig | RolesAnywhereSettings): Prepared {
  const validated = rolesAnywhereSettingsOf(config);
  const settings = sessionSettings(validated);
  const identity = loadSigningIdentity(validated);
  return {
    settings,
    identity,
    attempts: validated.maxAttempts,
    timeoutMs: validated.requestTimeoutSeconds * 1000,
    cacheKey: sessionCacheKey(settings, identity),
  };
}

/** Everything that identifies a session: two connections share credentials only when all of it is equal. */
function sessionCacheKey(settings: SessionSettings, identity: SigningIdentity): string {
  return JSON.stringify([
    settings.url.href,
    settings.region,
    settings.trustAnchorArn,
    settings.profileArn,
    settings.roleArn,
    settings.sessionName ?? null,
    settings.durationSeconds,
    identity.certificate.fingerprint256,
    identity.chain.map((certificate) => certificate.fingerprint256),
  ]);
}
