import { credentialSourceFor } from "../auth/credentialSources.js";
import { clearSessionCredentialCache } from "../auth/rolesAnywhere/rolesAnywhereCredentialSource.js";
import { sessionRequest } from "../auth/rolesAnywhere/createSession.js";
import { rolesAnywhereSettingsOf } from "../auth/rolesAnywhere/rolesAnywhereSettings.js";
import { sessionSettings } from "../auth/rolesAnywhere/settings.js";
import { loadSigningIdentity } from "../auth/rolesAnywhere/signingIdentity.js";
import { signSessionRequest } from "../auth/rolesAnywhere/x509Signer.js";
import { systemClock } from "../core/host.js";
import { Redactor } from "../core/redaction.js";
import type { ConnectionConfig } from "../core/types.js";
import { createRootCa, type KeyAlgorithm } from "../test/support/pki.js";
import { startLocalRolesAnywhere } from "../test/support/rolesAnywhere/localRolesAnywhere.js";

/*
 * Scenario 4 in a fresh process, for one key type (argv[2]: rsa or p256):
 * signing time per CreateSession request, the cost of a credential lookup the
 * session cache answers, and 1,000 concurrent lookups on a cold cache against
 * the local Roles Anywhere endpoint (in this process: its signature checks
 * count in the time to all resolved).
 */
const SIGNATURES = { rsa: 400, p256: 2_000 } as const;
const CACHED_LOOKUPS = 100_000;
const CONCURRENT_REQUESTS = 1_000;

const keyAlgorithm = process.argv[2] as KeyAlgorithm & keyof typeof SIGNATURES;
const ca = createRootCa({ keyAlgorithm: "p256" });
const leaf = ca.issueLeaf({ keyAlgorithm });
const endpoint = await startLocalRolesAnywhere({ trustAnchors: [ca.certificatePem] });
const config: ConnectionConfig = {
  authType: "rolesAnywhere",
  ...endpoint.settings,
  certificate: leaf.certificatePem,
  privateKey: leaf.privateKeyPem(),
};

function signingMicros(): number {
  const settings = sessionSettings(rolesAnywhereSettingsOf(config));
  const identity = loadSigningIdentity(config);
  const count = SIGNATURES[keyAlgorithm];
  const started = performance.now();
  for (let i = 0; i < count; i++) signSessionRequest(sessionRequest(settings), identity, settings.region, new Date());
  return ((performance.now() - started) * 1000) / count;
}

function freshSource() {
  return credentialSourceFor(config, {
    clock: systemClock,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    redactor: new Redactor(),
    signal: new AbortController().signal,
  });
}

async function coldConcurrentLookups(): Promise<{ createSessionCalls: number; allResolvedMs: number }> {
  clearSessionCredentialCache();
  const source = freshSource();
  const callsBefore = endpoint.createSessionCalls;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENT_REQUESTS }, () => source.provider()));
  return { createSessionCalls: endpoint.createSessionCalls - callsBefore, allResolvedMs: performance.now() - started };
}

async function cachedLookupNanos(): Promise<number> {
  const source = freshSource();
  await source.provider();
  const started = performance.now();
  for (let i = 0; i < CACHED_LOOKUPS; i++) await source.provider();
  return ((performance.now() - started) * 1e6) / CACHED_LOOKUPS;
}

const cold = await coldConcurrentLookups();
const signUs = signingMicros();
const cachedLookupNs = await cachedLookupNanos();
await endpoint.close();
process.stdout.write(`${JSON.stringify({ signUs, cachedLookupNs, ...cold })}\n`);
