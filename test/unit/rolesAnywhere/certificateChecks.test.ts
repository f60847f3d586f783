import assert from "node:assert/strict";
import { ConnectorError } from "../../../core/errors.js";
import type { ConnectionConfig } from "../../../core/types.js";
import { checkValidity, identityFacts, loadSigningIdentity } from "../../../auth/rolesAnywhere/signingIdentity.js";
import { createRootCa, type TestCertificate } from "../../support/pki.js";

const PASSPHRASE = "correct horse battery staple";

function config(fields: Partial<ConnectionConfig>): ConnectionConfig {
  return { authType: "rolesAnywhere", ...fields };
}

function loadFailure(fields: Partial<ConnectionConfig>): ConnectorError {
  try {
    loadSigningIdentity(config(fields));
  } catch (error) {
    assert.ok(error instanceof ConnectorError, String(error));
    return error;
  }
  assert.fail("expected loadSigningIdentity to throw");
}

describe("Roles Anywhere certificate and key loading: checks", () => {
  const root = createRootCa({ keyAlgorithm: "rsa" });
  const intermediate = root.issueIntermediate({ keyAlgorithm: "p384" });
  const leaves: Record<"rsa" | "p256" | "p384", TestCertificate> = {
    rsa: intermediate.issueLeaf({ keyAlgorithm: "rsa" }),
    p256: intermediate.issueLeaf({ keyAlgorithm: "p256" }),
    p384: intermediate.issueLeaf({ keyAlgorithm: "p384" }),
  };

  describe("refuses, naming the field to fix", () => {
    const other = intermediate.issueLeaf({ keyAlgorithm: "p256" });
    const refused: Record<"ed25519" | "dsa" | "p521", TestCertificate> = {
      ed25519: intermediate.issueLeaf({ keyAlgorithm: "ed25519" }),
      dsa: intermediate.issueLeaf({ keyAlgorithm: "dsa" }),
      p521: intermediate.issueLeaf({ keyAlgorithm: "p521" }),
    };
    const cases: Array<{ what: string; fields: () => Partial<ConnectionConfig>; code: string; field: string; mentions: RegExp }> = [
      {
        what: "an encrypted PKCS#8 key without a passphrase",
        fields: () => ({ certificate: leaves.p256.certificatePem, privateKey: leaves.p256.privateKeyPem("pkcs8-encrypted", PASSPHRASE) }),
        code: "PRIVATE_KEY_PASSPHRASE_REQUIRED",
        field: "privateKeyPassphrase",
        mentions: /privateKeyPassphrase/,
      },
      {
        what: "an encrypted PKCS#8 key with the wrong passphrase",
        fields: () => ({
          certificate: leaves.p256.certificatePem,
          privateKey: leaves.p256.privateKeyPem("pkcs8-encrypted", PASSPHRASE),
          privateKeyPassphrase: "wrong passphrase",
        }),
        code: "PRIVATE_KEY_PASSPHRASE_WRONG",
        field: "privateKeyPassphrase",
        mentions: /privateKeyPassphrase does not decrypt privateKey/,
      },
      {
        what: "a legacy-encrypted PKCS#1 key with the wrong passphrase",
        fields: () => ({
          certificate: leaves.rsa.certificatePem,
          privateKey: leaves.rsa.privateKeyPem("pkcs1-encrypted", PASSPHRASE),
          privateKeyPassphrase: "wrong passphrase",
        }),
        code: "PRIVATE_KEY_PASSPHRASE_WRONG",
        field: "privateKeyPassphrase",
        mentions: /privateKeyPassphrase/,
      },
      {
        what: "a password-protected PKCS#12 bundle without a password",
        fields: () => ({ certificate: leaves.p256.pkcs12Base64({ password: PASSPHRASE }) }),
        code: "PRIVATE_KEY_PASSPHRASE_REQUIRED",
        field: "privateKeyPassphrase",
        mentions: /PKCS#12/,
      },
      {
        what: "a PKCS#12 bundle with the wrong password",
        fields: () => ({ certificate: leaves.p256.pkcs12Base64({ password: PASSPHRASE }), privateKeyPassphrase: "nope" }),
        code: "PRIVATE_KEY_PASSPHRASE_WRONG",
        field: "privateKeyPassphrase",
        mentions: /PKCS#12/,
      },
      {
        what: "a key that belongs to another certificate",
        fields: () => ({ certificate: leaves.p256.certificatePem, privateKey: other.privateKeyPem() }),
        code: "KEY_CERTIFICATE_MISMATCH",
        field: "privateKey",
        mentions: /does not belong to the certificate \(subject O=Connector Tests, CN=Test Workload, serial \d+\)/,
      },
      {
        what: "an RSA key for an EC certificate",
        fields: () => ({ certificate: leaves.p256.certificatePem, privateKey: leaves.rsa.privateKeyPem() }),
        code: "KEY_CERTIFICATE_MISMATCH",
        field: "privateKey",
        mentions: /privateKey does not belong/,
      },
      ...(["ed25519", "dsa", "p521"] as const).map((algorithm) => ({
        what: { ed25519: "an Ed25519 key", dsa: "a DSA key", p521: "an EC P-521 key" }[algorithm],
        fields: () => ({ certificate: refused[algorithm].certificatePem, privateKey: refused[algorithm].privateKeyPem() }),
        code: "KEY_TYPE_UNSUPPORTED",
        field: "privateKey",
        mentions: { ed25519: /Ed25519/, dsa: /DSA/, p521: /EC P-521/ }[algorithm],
      })),
      {
        what: "a certificate whose key type is refused, with a supported key",
        fields: () => ({ certificate: refused.ed25519.certificatePem, privateKey: leaves.p256.privateKeyPem() }),
        code: "KEY_TYPE_UNSUPPORTED",
        field: "certificate",
        mentions: /certificate: the certificate's public key is Ed25519/,
      },
      {
        what: "text that is neither PEM nor base64",
        fields: () => ({ certificate: "not a certificate!", privateKey: leaves.p256.privateKeyPem() }),
        code: "CERTIFICATE_INVALID",
        field: "certificate",
        mentions: /neither a PEM certificate .* nor a base64 PKCS#12 bundle/,
      },
      {
        what: "base64 that is not PKCS#12",
        fields: () => ({ certificate: Buffer.from("hello world, no ASN.1 here").toString("base64") }),
        code: "CERTIFICATE_INVALID",
        field: "certificate",
        mentions: /not a readable PKCS#12 bundle/,
      },
      {
        what: "a damaged PEM certificate",
        fields: () => ({
          certificate: "-----BEGIN CERTIFICATE-----\nMIIBdamaged\n-----END CERTIFICATE-----\n",
          privateKey: leaves.p256.privateKeyPem(),
        }),
        code: "CERTIFICATE_INVALID",
        field: "certificate",
        mentions: /not a readable X\.509 certificate/,
      },
      {
        what: "a private key pasted into certificate",
        fields: () => ({ certificate: leaves.p256.privateKeyPem(), privateKey: leaves.p256.privateKeyPem() }),
        code: "CERTIFICATE_INVALID",
        field: "certificate",
        mentions: /holds a private key, not a certificate/,
      },
      {
        what: "a certificate pasted into privateKey",
        fields: () => ({ certificate: leaves.p256.certificatePem, privateKey: leaves.p256.certificatePem }),
        code: "PRIVATE_KEY_INVALID",
        field: "privateKey",
        mentions: /holds a certificate, not a private key/,
      },
      {
        what: "a damaged private key",
        fields: () => ({
          certificate: leaves.p256.certificatePem,
          privateKey: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
        }),
        code: "PRIVATE_KEY_INVALID",
        field: "privateKey",
        mentions: /not a readable key/,
      },
      {
        what: "a PEM certificate without a private key",
        fields: () => ({ certificate: leaves.p256.certificatePem }),
        code: "CONFIG_INVALID",
        field: "privateKey",
        mentions: /privateKey is required/,
      },
      {
        what: "a chain that holds no certificate",
        fields: () => ({
          certificate: leaves.p256.certificatePem,
          privateKey: leaves.p256.privateKeyPem(),
          certificateChain: "intermediate.pem",
        }),
        code: "CERTIFICATE_CHAIN_INVALID",
        field: "certificateChain",
        mentions: /certificateChain has no PEM certificate/,
      },
    ];
    for (const { what, fields, code, field, mentions } of cases) {
      it(`${what}: ${code} on ${field}`, () => {
        const error = loadFailure(fields());
        assert.equal(error.code, code);
        assert.equal(error.field, field);
        assert.equal(error.step, "certificate");
        assert.match(error.message, mentions);
      });
    }
  });

  describe("validity window (checked against the injected clock)", () => {
    const now = Date.parse("2030-06-15T12:00:00Z");
    const DAY = 86_400_000;
    const cases = [
      {
        what: "an expired",
        notBefore: now - 10 * DAY,
        notAfter: now - DAY,
        code: "CERTIFICATE_EXPIRED",
        mentions: /expired on 2030-06-14T12:00:00\.000Z/,
      },
      {
        what: "a not-yet-valid",
        notBefore: now + DAY,
        notAfter: now + 10 * DAY,
        code: "CERTIFICATE_NOT_YET_VALID",
        mentions: /valid only from 2030-06-16T12:00:00\.000Z/,
      },
    ];
    for (const { what, notBefore, notAfter, code, mentions } of cases) {
      it(`${what} certificate: ${code}`, () => {
        const leaf = root.issueLeaf({ notBefore: new Date(notBefore), notAfter: new Date(notAfter) });
        const identity = loadSigningIdentity(config({ certificate: leaf.certificatePem, privateKey: leaf.privateKeyPem() }));
        assert.throws(
          () => checkValidity(identity, now),
          (error: unknown) =>
            error instanceof ConnectorError &&
            error.code === code &&
            error.field === "certificate" &&
            error.step === "certificate" &&
            mentions.test(error.message),
        );
      });
    }

    it("a certificate inside its window passes", () => {
      const leaf = root.issueLeaf({ notBefore: new Date(now - DAY), notAfter: new Date(now + DAY) });
      const identity = loadSigningIdentity(config({ certificate: leaf.certificatePem, privateKey: leaf.privateKeyPem() }));
      assert.doesNotThrow(() => checkValidity(identity, now));
    });
  });

  it("reports non-secret facts: subject, issuer, decimal serial, validity, key type, chain length", () => {
    const leaf = intermediate.issueLeaf({
      keyAlgorithm: "p384",
      commonName: "orders-service",
      serial: 4096n,
      notBefore: new Date("2030-01-01T00:00:00Z"),
      notAfter: new Date("2031-01-01T00:00:00Z"),
    });
    const identity = loadSigningIdentity(
      config({ certificate: leaf.certificatePem, privateKey: leaf.privateKeyPem(), certificateChain: intermediate.certificatePem }),
    );
    assert.deepEqual(identityFacts(identity), {
      subject: "O=Connector Tests, CN=orders-service",
      issuer: "O=Connector Tests, CN=Test Intermediate CA",
      serial: "4096",
      notBefore: "2030-01-01T00:00:00.000Z",
      notAfter: "2031-01-01T00:00:00.000Z",
      keyType: "EC P-384",
      chainLength: "1",
    });
  });
});
