import assert from "node:assert/strict";
import { createHash, verify } from "node:crypto";
import { readFileSync } from "node:fs";
import { loadSigningIdentity } from "../../../auth/rolesAnywhere/signingIdentity.js";
import { signSessionRequest, type SessionRequest } from "../../../auth/rolesAnywhere/x509Signer.js";
import { createRootCa, type KeyAlgorithm, type TestCertificate } from "../../support/pki.js";
import { isRejection, verifySignedRequest } from "../../support/rolesAnywhere/requestVerifier.js";

const FIXTURES = new URL("../../../../test/fixtures/roles-anywhere/", import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, FIXTURES), "utf8");

interface GoldenVector {
  certificate: string;
  privateKey: string;
  amzDate: string;
  region: string;
  endpoint: string;
  host: string;
  query: Record<string, string>;
  body: string;
  signedHeaders: string;
  canonicalRequestSha256: string;
  stringToSign: string;
  authorization: string;
}

function dateOf(amzDate: string): Date {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate) ?? [];
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
}

function identityOf(leaf: TestCertificate, chain: TestCertificate[] = []) {
  return loadSigningIdentity({
    authType: "rolesAnywhere",
    certificate: leaf.certificatePem,
    privateKey: leaf.privateKeyPem(),
    ...(chain.length === 0 ? {} : { certificateChain: chain.map((c) => c.certificatePem).join("\n") }),
  });
}

describe("Roles Anywhere X.509 request signer", () => {
  describe("golden vector (AWS4-X509-RSA-SHA256, produced by AWS's credential helper)", () => {
    const vector = (JSON.parse(fixture("vectors.json")) as { rsa: GoldenVector }).rsa;
    const identity = loadSigningIdentity({
      authType: "rolesAnywhere",
      certificate: fixture(vector.certificate),
      privateKey: fixture(vector.privateKey),
    });
    const request: SessionRequest = { url: new URL(`${vector.endpoint}/sessions`), query: vector.query, body: vector.body };
    const signed = signSessionRequest(request, identity, vector.region, dateOf(vector.amzDate));

    it("hashes the same canonical request", () => {
      assert.equal(createHash("sha256").update(signed.canonicalRequest).digest("hex"), vector.canonicalRequestSha256);
    });

    it("builds the same string to sign", () => {
      assert.equal(signed.stringToSign, vector.stringToSign);
    });

    it("produces the same Authorization header, byte for byte", () => {
      assert.equal(signed.headers["authorization"], vector.authorization);
    });

    it("signs exactly the documented headers, with the port in Host", () => {
      assert.equal(signed.headers["host"], vector.host);
      assert.ok(vector.authorization.includes(`SignedHeaders=${vector.signedHeaders},`));
      assert.deepEqual(Object.keys(signed.headers).sort(), [...vector.signedHeaders.split(";"), "authorization"].sort());
    });

    it("sends the query string it signed", () => {
      assert.equal(signed.url.search.slice(1), signed.canonicalRequest.split("\n")[2]);
    });
  });

  describe("ECDSA", () => {
    const root = createRootCa({ keyAlgorithm: "rsa" });
    const cases: Array<{ keyAlgorithm: KeyAlgorithm; curve: string }> = [
      { keyAlgorithm: "p256", curve: "prime256v1" },
      { keyAlgorithm: "p384", curve: "secp384r1" },
    ];
    for (const { keyAlgorithm, curve } of cases) {
      it(`signs with ${keyAlgorithm.toUpperCase()} as AWS4-X509-ECDSA-SHA256: a DER signature over SHA-256 that verifies`, () => {
        const leaf = root.issueLeaf({ keyAlgorithm });
        const identity = identityOf(leaf);
        assert.equal(identity.privateKey.asymmetricKeyDetails?.namedCurve, curve);
        const signed = signSessionRequest(sessionRequest(), identity, "eu-central-1", new Date());
        const signatureHex = /Signature=([0-9a-f]+)$/.exec(signed.headers["authorization"] ?? "")?.[1] ?? "";
        assert.match(signed.headers["authorization"] ?? "", /^AWS4-X509-ECDSA-SHA256 Credential=\d+\//);
        const signature = Buffer.from(signatureHex, "hex");
        assert.equal(signature[0], 0x30, "a DER SEQUENCE, not raw r||s");
        assert.ok(verify("sha256", Buffer.from(signed.stringToSign), { key: leaf.certificate.publicKey, dsaEncoding: "der" }, signature));
      });
    }
  });

  describe("certificate headers", () => {
    const root = createRootCa({ keyAlgorithm: "p384" });
    const intermediate = root.issueIntermediate({ keyAlgorithm: "rsa" });
    const leaf = intermediate.issueLeaf({ keyAlgorithm: "p256", serial: 0xfedcba9876543210n });

    it("puts the leaf's DER in X-Amz-X509 and the decimal serial in the credential", () => {
      const signed = signSessionRequest(sessionRequest(), identityOf(leaf), "eu-central-1", new Date());
      assert.equal(signed.headers["x-amz-x509"], leaf.certificate.raw.toString("base64"));
      assert.match(signed.headers["authorization"] ?? "", /Credential=18364758544493064720\//);
    });

    it("sends and signs X-Amz-X509-Chain only when there are intermediates", () => {
      const without = signSessionRequest(sessionRequest(), identityOf(leaf), "eu-central-1", new Date());
      assert.equal(without.headers["x-amz-x509-chain"], undefined);
      const withChain = signSessionRequest(sessionRequest(), identityOf(leaf, [intermediate]), "eu-central-1", new Date());
      assert.equal(withChain.headers["x-amz-x509-chain"], intermediate.certificate.raw.toString("base64"));
      assert.match(withChain.headers["authorization"] ?? "", /SignedHeaders=content-type;host;x-amz-date;x-amz-x509;x-amz-x509-chain,/);
    });

    it("is accepted by an independent verifier for RSA and EC leaves, with and without a chain", () => {
      const rsaLeaf = intermediate.issueLeaf({ keyAlgorithm: "rsa" });
      const directLeaf = root.issueLeaf({ keyAlgorithm: "rsa" });
      const cases = [
        { leaf, chain: [intermediate] },
        { leaf: rsaLeaf, chain: [intermediate] },
        { leaf: directLeaf, chain: [] },
      ];
      for (const { leaf: signer, chain } of cases) {
        const signed = signSessionRequest(sessionRequest(), identityOf(signer, chain), "eu-central-1", new Date());
        const result = verifySignedRequest(
          { method: "POST", path: `${signed.url.pathname}${signed.url.search}`, headers: signed.headers, body: signed.body },
          { trustAnchors: [root.certificate], region: "eu-central-1", nowMs: Date.now() },
        );
        assert.ok(!isRejection(result), JSON.stringify(result));
      }
    });
  });
});

function sessionRequest(): SessionRequest {
  return {
    url: new URL("https://rolesanywhere.eu-central-1.amazonaws.com/sessions"),
    query: {
      profileArn: "arn:aws:rolesanywhere:eu-central-1:123456789012:profile/p-1",
      roleArn: "arn:aws:iam::123456789012:role/path/to/role",
      trustAnchorArn: "arn:aws:rolesanywhere:eu-central-1:123456789012:trust-anchor/ta-1",
    },
    body: '{"durationSeconds":900,"roleSessionName":"a b+c"}',
  };
}
