import assert from "node:assert/strict";
import forge from "node-forge";
import type { ConnectionConfig } from "../../../core/types.js";
import { loadSigningIdentity } from "../../../auth/rolesAnywhere/signingIdentity.js";
import { createRootCa, type KeyFormat, type TestCertificate } from "../../support/pki.js";

const PASSPHRASE = "correct horse battery staple";

function config(fields: Partial<ConnectionConfig>): ConnectionConfig {
  return { authType: "rolesAnywhere", ...fields };
}

describe("Roles Anywhere certificate and key loading: accepted formats", () => {
  const root = createRootCa({ keyAlgorithm: "rsa" });
  const intermediate = root.issueIntermediate({ keyAlgorithm: "p384" });
  const leaves: Record<"rsa" | "p256" | "p384", TestCertificate> = {
    rsa: intermediate.issueLeaf({ keyAlgorithm: "rsa" }),
    p256: intermediate.issueLeaf({ keyAlgorithm: "p256" }),
    p384: intermediate.issueLeaf({ keyAlgorithm: "p384" }),
  };

  describe("accepts every supported key format", () => {
    const pemCases: Array<{ key: keyof typeof leaves; format: KeyFormat; algorithm: string; label: string }> = [
      { key: "rsa", format: "pkcs8", algorithm: "AWS4-X509-RSA-SHA256", label: "RSA 2048" },
      { key: "rsa", format: "pkcs1", algorithm: "AWS4-X509-RSA-SHA256", label: "RSA 2048" },
      { key: "rsa", format: "pkcs8-encrypted", algorithm: "AWS4-X509-RSA-SHA256", label: "RSA 2048" },
      { key: "rsa", format: "pkcs1-encrypted", algorithm: "AWS4-X509-RSA-SHA256", label: "RSA 2048" },
      { key: "p256", format: "pkcs8", algorithm: "AWS4-X509-ECDSA-SHA256", label: "EC P-256" },
      { key: "p256", format: "sec1", algorithm: "AWS4-X509-ECDSA-SHA256", label: "EC P-256" },
      { key: "p256", format: "pkcs8-encrypted", algorithm: "AWS4-X509-ECDSA-SHA256", label: "EC P-256" },
      { key: "p384", format: "sec1", algorithm: "AWS4-X509-ECDSA-SHA256", label: "EC P-384" },
      { key: "p384", format: "sec1-encrypted", algorithm: "AWS4-X509-ECDSA-SHA256", label: "EC P-384" },
      { key: "p384", format: "pkcs8-encrypted", algorithm: "AWS4-X509-ECDSA-SHA256", label: "EC P-384" },
    ];
    for (const { key, format, algorithm, label } of pemCases) {
      it(`${label} as ${format} PEM`, () => {
        const leaf = leaves[key];
        const encrypted = format.endsWith("-encrypted");
        const identity = loadSigningIdentity(
          config({
            certificate: leaf.certificatePem,
            privateKey: leaf.privateKeyPem(format, encrypted ? PASSPHRASE : undefined),
            ...(encrypted ? { privateKeyPassphrase: PASSPHRASE } : {}),
          }),
        );
        assert.equal(identity.algorithm, algorithm);
        assert.equal(identity.keyLabel, label);
        assert.equal(identity.certificate.fingerprint256, leaf.certificate.fingerprint256);
      });
    }

    const bundleCases: Array<{ key: keyof typeof leaves; password: string | undefined; what: string }> = [
      { key: "rsa", password: PASSPHRASE, what: "RSA, password-protected" },
      { key: "p256", password: PASSPHRASE, what: "EC P-256, password-protected" },
      { key: "p384", password: undefined, what: "EC P-384, no password" },
      { key: "p256", password: "", what: "EC P-256, empty password (OpenSSL's 'no password')" },
    ];
    for (const { key, password, what } of bundleCases) {
      it(`PKCS#12 bundle (${what}) with its intermediate, and no privateKey field`, () => {
        const leaf = leaves[key];
        const identity = loadSigningIdentity(
          config({
            certificate: leaf.pkcs12Base64({ password, chain: [intermediate] }),
            ...(password ? { privateKeyPassphrase: password } : {}),
          }),
        );
        assert.equal(identity.certificate.fingerprint256, leaf.certificate.fingerprint256);
        assert.deepEqual(
          identity.chain.map((c) => c.fingerprint256),
          [intermediate.certificate.fingerprint256],
        );
        assert.ok(identity.certificate.checkPrivateKey(identity.privateKey));
      });
    }

    it("PKCS#12 bundle written by node-forge (RSA, 3DES), split over base64 lines", () => {
      const leaf = leaves.rsa;
      const asn1 = forge.pkcs12.toPkcs12Asn1(
        forge.pki.privateKeyFromPem(leaf.privateKeyPem("pkcs1")),
        [forge.pki.certificateFromPem(leaf.certificatePem)],
        PASSPHRASE,
        { algorithm: "3des" },
      );
      const base64 = forge.util.encode64(forge.asn1.toDer(asn1).getBytes(), 64);
      const identity = loadSigningIdentity(config({ certificate: base64, privateKeyPassphrase: PASSPHRASE }));
      assert.equal(identity.keyLabel, "RSA 2048");
    });

    it("a pasted full chain: the leaf is the certificate the key belongs to, the rest is the chain", () => {
      const leaf = leaves.p256;
      const identity = loadSigningIdentity(
        config({ certificate: `${intermediate.certificatePem}\n${leaf.certificatePem}`, privateKey: leaf.privateKeyPem() }),
      );
      assert.equal(identity.certificate.fingerprint256, leaf.certificate.fingerprint256);
      assert.equal(identity.chain.length, 1);
    });

    it("the certificateChain field, without repeating the leaf or duplicates", () => {
      const leaf = leaves.p384;
      const identity = loadSigningIdentity(
        config({
          certificate: leaf.certificatePem,
          privateKey: leaf.privateKeyPem(),
          certificateChain: [intermediate.certificatePem, leaf.certificatePem, intermediate.certificatePem].join("\n"),
        }),
      );
      assert.deepEqual(
        identity.chain.map((c) => c.fingerprint256),
        [intermediate.certificate.fingerprint256],
      );
    });
  });
});
