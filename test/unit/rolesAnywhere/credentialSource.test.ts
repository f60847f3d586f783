import assert from "node:assert/strict";
import { clearSessionCredentialCache, rolesAnywhereCredentialSource } from "../../../auth/rolesAnywhere/rolesAnywhereCredentialSource.js";
import { ConnectorError } from "../../../core/errors.js";
import type { ConnectionConfig } from "../../../core/types.js";
import { createRootCa } from "../../support/pki.js";
import { startLocalRolesAnywhere, type LocalRolesAnywhere } from "../../support/rolesAnywhere/localRolesAnywhere.js";
import { credentialContext, ManualClock, rolesAnywhereConfig } from "../../support/rolesAnywhere/testContext.js";

describe("Roles Anywhere credential source", () => {
  const root = createRootCa({ keyAlgorithm: "rsa" });
  const intermediate = root.issueIntermediate({ keyAlgorithm: "p256" });
  const leaf = intermediate.issueLeaf({ keyAlgorithm: "p384", commonName: "orders-service", serial: 77n });
  const otherLeaf = intermediate.issueLeaf();
  let endpoint: LocalRolesAnywhere;

  before(async () => {
    endpoint = await startLocalRolesAnywhere({ trustAnchors: [root.certificatePem] });
  });
  after(() => endpoint.close());
  beforeEach(() => clearSessionCredentialCache());

  const config = (overrides: Partial<ConnectionConfig> = {}): ConnectionConfig =>
    rolesAnywhereConfig(leaf, endpoint.settings, { certificateChain: intermediate.certificatePem, maxAttempts: 1, ...overrides });

  it("is created without checking anything, so a test can report what is wrong", () => {
    assert.doesNotThrow(() => rolesAnywhereCredentialSource({ authType: "rolesAnywhere", certificate: "garbage" }, credentialContext()));
  });

  it("preflight reports the certificate facts and where sessions come from", async () => {
    const facts = await rolesAnywhereCredentialSource(config(), credentialContext()).preflight();
    assert.deepEqual(
      { ...facts, notBefore: undefined, notAfter: undefined },
      {
        subject: "O=Connector Tests, CN=orders-service",
        issuer: "O=Connector Tests, CN=Test Intermediate CA",
        serial: "77",
        notBefore: undefined,
        notAfter: undefined,
        keyType: "EC P-384",
        chainLength: "1",
        endpoint: endpoint.url,
        region: "eu-central-1",
      },
    );
    assert.equal(facts["notAfter"], new Date(leaf.certificate.validTo).toISOString());
  });

  describe("preflight fails without the network, at the step that is wrong", () => {
    const cases: Array<{
      what: string;
      overrides: () => Partial<ConnectionConfig>;
      clock?: ManualClock;
      code: string;
      step: string;
      field: string;
    }> = [
      {
        what: "a region other than the ARNs'",
        overrides: () => ({ rolesAnywhereEndpoint: undefined, rolesAnywhereRegion: "us-west-2" }),
        code: "CONFIG_INVALID",
        step: "config",
        field: "rolesAnywhereRegion",
      },
      {
        what: "a key that is not the certificate's",
        overrides: () => ({ privateKey: otherLeaf.privateKeyPem() }),
        code: "KEY_CERTIFICATE_MISMATCH",
        step: "certificate",
        field: "privateKey",
      },
      {
        what: "a certificate that expired by the host's clock",
        overrides: () => ({}),
        clock: new ManualClock(Date.now() + 30 * 86_400_000),
        code: "CERTIFICATE_EXPIRED",
        step: "certificate",
        field: "certificate",
      },
    ];
    for (const { what, overrides, clock, code, step, field } of cases) {
      it(`${what}: ${code}, and the provider makes no CreateSession call either`, async () => {
        const source = rolesAnywhereCredentialSource(config(overrides()), credentialContext(clock));
        const calls = endpoint.createSessionCalls;
        for (const attempt of [source.preflight(), source.provider()]) {
          await assert.rejects(
            attempt,
            (error: unknown) => error instanceof ConnectorError && error.code === code && error.step === step && error.field === field,
          );
        }
        assert.equal(endpoint.createSessionCalls, calls);
      });
    }
  });

  it("provider returns credentials with an expiration for the AWS SDK to refresh on", async () => {
    const credentials = await rolesAnywhereCredentialSource(config(), credentialContext()).provider();
    assert.equal(credentials.accessKeyId, endpoint.sessions.at(-1)?.accessKeyId);
    assert.ok(credentials.expiration instanceof Date && credentials.expiration.getTime() > Date.now());
  });

  it("provider errors from the service are at step credentials", async () => {
    const source = rolesAnywhereCredentialSource(config({ roleArn: "arn:aws:iam::123456789012:role/unknown" }), credentialContext());
    await assert.rejects(
      source.provider(),
      (error: unknown) =>
        error instanceof ConnectorError &&
        error.code === "ROLES_ANYWHERE_NOT_FOUND" &&
        error.step === "credentials" &&
        error.field === "roleArn",
    );
  });
});
