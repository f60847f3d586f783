import assert from "node:assert/strict";
import nock from "nock";
import { clearSessionCredentialCache, rolesAnywhereCredentialSource } from "../../../auth/rolesAnywhere/rolesAnywhereCredentialSource.js";
import { ConnectorError } from "../../../core/errors.js";
import type { ConnectionConfig } from "../../../core/types.js";
import { createRootCa } from "../../support/pki.js";
import { AWS_ARNS, AWS_ORIGIN, credentialContext } from "../../support/rolesAnywhere/testContext.js";

const PASSPHRASE = "hunter2-but-much-longer-passphrase";
const WRONG_PASSPHRASE = "hunter3-but-much-longer-passphrase";
const SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRETzz";
const SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENzz";

/** Every text an error carries: message, stack, details and its whole cause chain. */
function everyText(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error; current !== undefined && current !== null; current = (current as { cause?: unknown }).cause) {
    if (current instanceof Error) parts.push(current.message, current.stack ?? "");
    else parts.push(JSON.stringify(current));
    if (current instanceof ConnectorError) parts.push(JSON.stringify(current.details ?? {}));
  }
  return parts.join("\n");
}

/** Long enough pieces of a secret that a leak of any part of it shows. */
function piecesOf(secret: string): string[] {
  return secret
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length >= 16 && !line.startsWith("-----"))
    .flatMap((line) => [line, line.slice(0, 16)]);
}

describe("Roles Anywhere never puts a secret in an error", () => {
  const root = createRootCa({ keyAlgorithm: "rsa" });
  const leaf = root.issueLeaf({ keyAlgorithm: "p256" });
  const other = root.issueLeaf({ keyAlgorithm: "rsa" });
  const ed25519 = root.issueLeaf({ keyAlgorithm: "ed25519" });
  const encryptedKey = leaf.privateKeyPem("pkcs8-encrypted", PASSPHRASE);
  const bundle = leaf.pkcs12Base64({ password: PASSPHRASE });
  const plainKey = leaf.privateKeyPem();
  const damagedKey = plainKey.replace(/^([A-Za-z0-9+/]{20})[A-Za-z0-9+/]{8}/m, "$1!!!!!!!!");

  beforeEach(() => clearSessionCredentialCache());
  afterEach(() => nock.cleanAll());

  const base = (fields: Partial<ConnectionConfig>): ConnectionConfig => ({
    authType: "rolesAnywhere",
    ...AWS_ARNS,
    maxAttempts: 1,
    ...fields,
  });
  const cases: Array<{ what: string; code: string; config: () => ConnectionConfig; secrets: () => string[]; reply?: () => void }> = [
    {
      what: "wrong passphrase",
      code: "PRIVATE_KEY_PASSPHRASE_WRONG",
      config: () => base({ certificate: leaf.certificatePem, privateKey: encryptedKey, privateKeyPassphrase: WRONG_PASSPHRASE }),
      secrets: () => [WRONG_PASSPHRASE, ...piecesOf(encryptedKey)],
    },
    {
      what: "missing passphrase",
      code: "PRIVATE_KEY_PASSPHRASE_REQUIRED",
      config: () => base({ certificate: leaf.certificatePem, privateKey: encryptedKey }),
      secrets: () => piecesOf(encryptedKey),
    },
    {
      what: "key of another certificate",
      code: "KEY_CERTIFICATE_MISMATCH",
      config: () => base({ certificate: leaf.certificatePem, privateKey: other.privateKeyPem("pkcs1") }),
      secrets: () => piecesOf(other.privateKeyPem("pkcs1")),
    },
    {
      what: "damaged key",
      code: "PRIVATE_KEY_INVALID",
      config: () => base({ certificate: leaf.certificatePem, privateKey: damagedKey }),
      secrets: () => piecesOf(damagedKey),
    },
    {
      what: "unsupported key",
      code: "KEY_TYPE_UNSUPPORTED",
      config: () => base({ certificate: ed25519.certificatePem, privateKey: ed25519.privateKeyPem() }),
      secrets: () => piecesOf(ed25519.privateKeyPem()),
    },
    {
      what: "PKCS#12 with the wrong password",
      code: "PRIVATE_KEY_PASSPHRASE_WRONG",
      config: () => base({ certificate: bundle, privateKeyPassphrase: WRONG_PASSPHRASE }),
      secrets: () => [WRONG_PASSPHRASE, bundle.slice(0, 40), bundle.slice(-40)],
    },
    {
      what: "a session answer cut short",
      code: "ROLES_ANYWHERE_FAILED",
      config: () => base({ certificate: leaf.certificatePem, privateKey: encryptedKey, privateKeyPassphrase: PASSPHRASE }),
      secrets: () => [PASSPHRASE, SECRET_KEY, ...piecesOf(encryptedKey)],
      reply: () =>
        nock(AWS_ORIGIN)
          .post("/sessions")
          .query(true)
          .reply(201, `{"credentialSet":[{"credentials":{"accessKeyId":"ASIAX","secretAccessKey":"${SECRET_KEY}","sessio`),
    },
    {
      what: "a session answer without a token",
      code: "ROLES_ANYWHERE_FAILED",
      config: () => base({ certificate: bundle, privateKeyPassphrase: PASSPHRASE }),
      secrets: () => [PASSPHRASE, SECRET_KEY, bundle.slice(0, 40)],
      reply: () =>
        nock(AWS_ORIGIN)
          .post("/sessions")
          .query(true)
          .reply(201, {
            credentialSet: [{ credentials: { accessKeyId: "ASIAX", secretAccessKey: SECRET_KEY, expiration: "2099-01-01T00:00:00Z" } }],
          }),
    },
  ];

  for (const { what, code, config, secrets, reply } of cases) {
    it(`${what} (${code}): neither the error nor its causes quote a secret`, async () => {
      reply?.();
      const source = rolesAnywhereCredentialSource(config(), credentialContext());
      const failures = await Promise.allSettled([source.preflight(), source.provider()]);
      const errors = failures.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason as unknown] : []));
      assert.ok(errors.length > 0, "expected a failure");
      for (const error of errors) {
        assert.ok(error instanceof ConnectorError, String(error));
        assert.equal(error.code, code);
        const text = everyText(error);
        for (const secret of secrets()) assert.ok(!text.includes(secret), `${error.code} quotes a secret`);
      }
    });
  }

  it("registers the private key, passphrase and PKCS#12 bundle with the connection's redactor", () => {
    const context = credentialContext();
    rolesAnywhereCredentialSource(base({ certificate: bundle, privateKey: encryptedKey, privateKeyPassphrase: PASSPHRASE }), context);
    const redacted = context.redactor.text(`${PASSPHRASE} ${bundle} ${encryptedKey.split("\n")[3] ?? ""}`);
    assert.equal(redacted, "[REDACTED] [REDACTED] [REDACTED]");
  });

  it("registers the obtained secret key and session token", async () => {
    nock(AWS_ORIGIN)
      .post("/sessions")
      .query(true)
      .reply(201, {
        credentialSet: [
          {
            credentials: {
              accessKeyId: "ASIAX",
              secretAccessKey: SECRET_KEY,
              sessionToken: SESSION_TOKEN,
              expiration: "2099-01-01T00:00:00Z",
            },
          },
        ],
      });
    const context = credentialContext();
    await rolesAnywhereCredentialSource(base({ certificate: leaf.certificatePem, privateKey: plainKey }), context).provider();
    assert.equal(context.redactor.text(`${SECRET_KEY}/${SESSION_TOKEN}`), "[REDACTED]/[REDACTED]");
  });
});
