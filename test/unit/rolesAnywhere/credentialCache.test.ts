import assert from "node:assert/strict";
import { clearSessionCredentialCache, rolesAnywhereCredentialSource } from "../../../auth/rolesAnywhere/rolesAnywhereCredentialSource.js";
import { ConnectorError } from "../../../core/errors.js";
import type { ConnectionConfig } from "../../../core/types.js";
import { createRootCa } from "../../support/pki.js";
import { startLocalRolesAnywhere, type LocalRolesAnywhere } from "../../support/rolesAnywhere/localRolesAnywhere.js";
import { credentialContext, ManualClock, rolesAnywhereConfig } from "../../support/rolesAnywhere/testContext.js";

const LIFETIME_S = 3600;

describe("Roles Anywhere session cache (process-wide)", () => {
  const root = createRootCa({ keyAlgorithm: "rsa" });
  const intermediate = root.issueIntermediate();
  const leaf = root.issueLeaf();
  const clock = new ManualClock();
  let endpoint: LocalRolesAnywhere;
  let config: ConnectionConfig;

  const provide = (overrides: Partial<ConnectionConfig> = {}, context = credentialContext(clock)) =>
    rolesAnywhereCredentialSource({ ...config, ...overrides }, context).provider();

  beforeEach(async () => {
    clearSessionCredentialCache();
    clock.set(Date.now());
    endpoint = await startLocalRolesAnywhere({ trustAnchors: [root.certificatePem], clock, credentialLifetimeSeconds: LIFETIME_S });
    config = rolesAnywhereConfig(leaf, endpoint.settings, { maxAttempts: 1 });
  });
  afterEach(() => endpoint.close());

  it("serves 200 concurrent requests from 20 connections with one CreateSession", async () => {
    const sources = Array.from({ length: 20 }, () => rolesAnywhereCredentialSource(config, credentialContext(clock)));
    const all = await Promise.all(Array.from({ length: 200 }, (_, i) => sources[i % 20]!.provider()));
    assert.equal(endpoint.createSessionCalls, 1);
    assert.equal(new Set(all.map((credentials) => credentials.accessKeyId)).size, 1);
  });

  it("reuses a session in a later execution with a new connection", async () => {
    const first = await provide();
    const second = await provide();
    assert.equal(endpoint.createSessionCalls, 1);
    assert.equal(second.accessKeyId, first.accessKeyId);
  });

  it("hands the AWS SDK the session's expiration", async () => {
    const credentials = await provide();
    assert.ok(credentials.expiration instanceof Date);
    assert.equal(credentials.expiration.toISOString(), new Date(endpoint.sessions[0]!.expiration).toISOString());
  });

  it("reuses credentials with 61 s left and refreshes them with 59 s left", async () => {
    const issued = await provide();
    const expiresAt = issued.expiration!.getTime();
    clock.set(expiresAt - 61_000);
    assert.equal((await provide()).accessKeyId, issued.accessKeyId);
    assert.equal(endpoint.createSessionCalls, 1);
    clock.set(expiresAt - 59_000);
    const refreshed = await provide();
    assert.equal(endpoint.createSessionCalls, 2);
    assert.notEqual(refreshed.accessKeyId, issued.accessKeyId);
  });

  describe("keeps sessions with different settings apart", () => {
    const variations: Array<{ what: string; overrides: () => Partial<ConnectionConfig> }> = [
      { what: "a session name", overrides: () => ({ sessionName: "orders" }) },
      { what: "another session name", overrides: () => ({ sessionName: "billing" }) },
      { what: "another duration", overrides: () => ({ durationSeconds: 900 }) },
      { what: "another certificate", overrides: () => ({ certificate: otherLeaf.certificatePem, privateKey: otherLeaf.privateKeyPem() }) },
      {
        what: "a certificate chain",
        overrides: () => ({
          certificate: chainedLeaf.certificatePem,
          privateKey: chainedLeaf.privateKeyPem(),
          certificateChain: intermediate.certificatePem,
        }),
      },
    ];
    const otherLeaf = root.issueLeaf({ keyAlgorithm: "p384" });
    const chainedLeaf = intermediate.issueLeaf();

    for (const { what, overrides } of variations) {
      it(`${what} gets its own session`, async () => {
        const base = await provide();
        const varied = await provide(overrides());
        assert.equal(endpoint.createSessionCalls, 2);
        assert.notEqual(varied.accessKeyId, base.accessKeyId);
      });
    }

    it("another endpoint gets its own session", async () => {
      const other = await startLocalRolesAnywhere({ trustAnchors: [root.certificatePem], clock });
      try {
        await provide();
        await provide(other.settings);
        assert.equal(endpoint.createSessionCalls, 1);
        assert.equal(other.createSessionCalls, 1);
      } finally {
        await other.close();
      }
    });
  });

  describe("a failed refresh", () => {
    const outage = { status: 503, type: "ServiceUnavailableException", message: "Service is unavailable" };

    it("reaches every waiting caller, and the next call tries again", async () => {
      endpoint.failNext(outage);
      const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => provide()));
      assert.equal(endpoint.createSessionCalls, 1);
      for (const outcome of outcomes) {
        assert.equal(outcome.status, "rejected");
        assert.ok(outcome.reason instanceof ConnectorError && outcome.reason.code === "SERVICE_UNAVAILABLE");
      }
      const credentials = await provide();
      assert.equal(endpoint.createSessionCalls, 2);
      assert.match(credentials.accessKeyId, /^ASIA/);
    });

    it("does not replace the cached session, and the next call refreshes it", async () => {
      const issued = await provide();
      clock.set(issued.expiration!.getTime() - 30_000);
      endpoint.failNext(outage);
      await assert.rejects(provide(), (error: unknown) => error instanceof ConnectorError && error.code === "SERVICE_UNAVAILABLE");
      const refreshed = await provide();
      assert.equal(endpoint.createSessionCalls, 3);
      assert.notEqual(refreshed.accessKeyId, issued.accessKeyId);
    });
  });

  it("teaches every connection's redactor the shared secret key and session token", async () => {
    await provide();
    const context = credentialContext(clock);
    const credentials = await provide({}, context);
    assert.equal(endpoint.createSessionCalls, 1);
    const text = context.redactor.text(`secret=${credentials.secretAccessKey} token=${credentials.sessionToken}`);
    assert.equal(text, "secret=[REDACTED] token=[REDACTED]");
  });
});
