import assert from "node:assert/strict";
import { clearSessionCredentialCache, rolesAnywhereCredentialSource } from "../../../auth/rolesAnywhere/rolesAnywhereCredentialSource.js";
import { createRootCa } from "../../support/pki.js";
import { startLocalRolesAnywhere, type LocalRolesAnywhere } from "../../support/rolesAnywhere/localRolesAnywhere.js";
import { connectorFailure, credentialContext, rolesAnywhereConfig } from "../../support/rolesAnywhere/testContext.js";

/**
 * CreateSession is signed by hand, so it gets the SDK's clock-skew correction
 * by hand: a refusal of the signature's time is signed again once with the
 * service's time from its Date header; only when that cannot help is the
 * failure CLOCK_SKEW.
 */
describe("Roles Anywhere CreateSession on a host whose clock is 20 minutes behind", () => {
  const root = createRootCa({ keyAlgorithm: "p256" });
  const leaf = root.issueLeaf({ keyAlgorithm: "rsa" });
  const serviceClock = { now: () => Date.now() + 20 * 60_000 };
  const endpoints: LocalRolesAnywhere[] = [];
  const start = async (dateHeader: boolean) => {
    const endpoint = await startLocalRolesAnywhere({ trustAnchors: [root.certificatePem], clock: serviceClock, dateHeader });
    endpoints.push(endpoint);
    return endpoint;
  };
  beforeEach(() => clearSessionCredentialCache());
  after(async () => {
    for (const endpoint of endpoints) await endpoint.close();
    clearSessionCredentialCache();
  });

  it("signs again with the service's time from its Date header, and gets a session", async () => {
    const endpoint = await start(true);
    const source = rolesAnywhereCredentialSource(rolesAnywhereConfig(leaf, endpoint.settings, { maxAttempts: 3 }), credentialContext());
    const credentials = await source.provider();
    assert.match(credentials.accessKeyId, /^ASIA/);
    assert.equal(endpoint.createSessionCalls, 2, "refused once for its time, accepted once corrected");
  });

  it("reports CLOCK_SKEW, telling to fix the clock, when the service sends no Date to correct from", async () => {
    const endpoint = await start(false);
    const source = rolesAnywhereCredentialSource(rolesAnywhereConfig(leaf, endpoint.settings, { maxAttempts: 3 }), credentialContext());
    const failure = await connectorFailure(source.provider());
    assert.equal(failure.code, "CLOCK_SKEW");
    assert.equal(failure.kind, "auth");
    assert.match(failure.message, /Synchronise this host's clock/);
    assert.match(failure.message, /Signature expired/, "the service's own words are kept");
    assert.equal(endpoint.createSessionCalls, 1, "nothing to correct from: not sent again");
  });
});
