import assert from "node:assert/strict";
import { connect } from "../../connector/connection.js";
import { ConnectorError } from "../../core/errors.js";
import { collect, errorCodes, useEmbeddedSqs } from "../support/embeddedSqs.js";
import { createRootCa } from "../support/pki.js";
import { useLocalRolesAnywhere } from "../support/rolesAnywhere/useLocalRolesAnywhere.js";

type Failure = { code: string; message: string; field?: string | undefined };

/** Whatever stops a connection first: connect() throwing, or the test report's failed step. */
async function firstFailure(config: unknown): Promise<Failure | undefined> {
  let connection;
  try {
    connection = connect(config);
  } catch (error) {
    assert.ok(error instanceof ConnectorError, `connect threw ${String(error)}`);
    return { code: error.code, message: error.message, field: error.field };
  }
  try {
    const report = await connection.test();
    return report.ok ? undefined : { code: report.code ?? "", message: report.message };
  } finally {
    connection.close();
  }
}

describe("bad input: connection settings, certificates and keys", function () {
  this.timeout(30_000);
  const env = useEmbeddedSqs();
  const root = createRootCa({ keyAlgorithm: "rsa" });
  const leaf = root.issueLeaf({ keyAlgorithm: "p256" });
  const other = root.issueLeaf({ keyAlgorithm: "rsa" });
  const HOUR = 3_600_000;
  const expired = root.issueLeaf({ notBefore: new Date(Date.now() - 48 * HOUR), notAfter: new Date(Date.now() - HOUR) });
  const future = root.issueLeaf({ notBefore: new Date(Date.now() + HOUR), notAfter: new Date(Date.now() + 48 * HOUR) });
  const ed25519 = root.issueLeaf({ keyAlgorithm: "ed25519" });
  const dsa = root.issueLeaf({ keyAlgorithm: "dsa" });
  const p521 = root.issueLeaf({ keyAlgorithm: "p521" });
  const truncated =
    leaf.certificatePem
      .replace(/-----END CERTIFICATE-----/, "")
      .split("\n")
      .slice(0, 4)
      .join("\n") + "\n-----END CERTIFICATE-----\n";
  const ra = useLocalRolesAnywhere({ trustAnchors: [root.certificatePem] });

  const keys = () => env.connectionConfig();
  const roles = (fields: Record<string, unknown>) => ({
    authType: "rolesAnywhere",
    region: "us-east-1",
    endpoint: env.sqs.endpoint,
    maxAttempts: 1,
    ...ra.settings,
    certificate: leaf.certificatePem,
    privateKey: leaf.privateKeyPem(),
    ...fields,
  });

  const cases: Array<{ what: string; config: () => unknown; code: string; names: RegExp }> = [
    {
      what: "a config that is not an object",
      config: () => ["accessKeys"],
      code: "CONFIG_INVALID",
      names: /Connection must be a JSON object/,
    },
    {
      what: "no authType (access keys by default) and no keys",
      config: () => ({ region: "us-east-1" }),
      code: "CONFIG_INVALID",
      names: /accessKeyId is required when authType is accessKeys/,
    },
    { what: "an unknown authType", config: () => ({ authType: "password" }), code: "CONFIG_INVALID", names: /authType must be one of/ },
    {
      what: "an unknown field (typo)",
      config: () => ({ ...keys(), secretKey: "x" }),
      code: "CONFIG_INVALID",
      names: /secretKey is not a known field/,
    },
    {
      what: "a region of the wrong type",
      config: () => ({ ...keys(), region: 42 }),
      code: "CONFIG_INVALID",
      names: /region must be of type string/,
    },
    {
      what: "an unknown region",
      config: () => ({ ...keys(), region: "mars-north-1" }),
      code: "CONFIG_INVALID",
      names: /region must be one of "us-east-1", .*"eu-central-1", .*"cn-northwest-1": .*set customRegion/,
    },
    {
      what: "a mistyped region",
      config: () => ({ ...keys(), region: "eu-centrl-1" }),
      code: "CONFIG_INVALID",
      names: /\(did you mean "eu-central-1"\?\)/,
    },
    {
      what: "a malformed custom region",
      config: () => ({ ...keys(), customRegion: "EU_WEST" }),
      code: "CONFIG_INVALID",
      names: /customRegion is not in the accepted form/,
    },
    {
      what: "accessKeys without a secret",
      config: () => ({ ...keys(), secretAccessKey: undefined }),
      code: "CONFIG_INVALID",
      names: /secretAccessKey is required when authType is accessKeys/,
    },
    {
      what: "a malformed access key id (AWS's own endpoints)",
      config: () => ({ ...keys(), endpoint: undefined, accessKeyId: "AKIA-not-valid!" }),
      code: "CONFIG_INVALID",
      names: /accessKeyId is not in the accepted form/,
    },
    {
      what: "an empty session token",
      config: () => ({ ...keys(), sessionToken: "" }),
      code: "CONFIG_INVALID",
      names: /sessionToken must not be empty/,
    },
    {
      what: "durationSeconds below 900",
      config: () => roles({ durationSeconds: 899 }),
      code: "CONFIG_INVALID",
      names: /durationSeconds must be >= 900/,
    },
    {
      what: "durationSeconds above 3600",
      config: () => roles({ durationSeconds: 3601 }),
      code: "CONFIG_INVALID",
      names: /durationSeconds must be <= 3600/,
    },
    {
      what: "durationSeconds as text",
      config: () => roles({ durationSeconds: "3600" }),
      code: "CONFIG_INVALID",
      names: /durationSeconds must be of type integer/,
    },
    {
      what: "rolesAnywhere without a certificate",
      config: () => roles({ certificate: undefined }),
      code: "CONFIG_INVALID",
      names: /certificate is required when authType is rolesAnywhere/,
    },
    {
      what: "a malformed role ARN",
      config: () => roles({ roleArn: "arn:aws:iam::12:role/x" }),
      code: "CONFIG_INVALID",
      names: /roleArn is not in the accepted form/,
    },
    {
      what: "a malformed trust anchor ARN",
      config: () => roles({ trustAnchorArn: "arn:aws:rolesanywhere:eu-central-1:123456789012:anchor/x" }),
      code: "CONFIG_INVALID",
      names: /trustAnchorArn is not in the accepted form/,
    },
    {
      what: "a malformed profile ARN",
      config: () => roles({ profileArn: "profile/abc" }),
      code: "CONFIG_INVALID",
      names: /profileArn is not in the accepted form/,
    },
    {
      what: "a trust anchor in another region than chosen",
      config: () => roles({ rolesAnywhereEndpoint: undefined, rolesAnywhereRegion: "us-west-2" }),
      code: "CONFIG_INVALID",
      names: /rolesAnywhereRegion/,
    },
    {
      what: "a session name that is too short",
      config: () => roles({ sessionName: "a" }),
      code: "CONFIG_INVALID",
      names: /sessionName must be at least 2 characters|sessionName is not in the accepted form/,
    },
    {
      what: "http:// to a non-loopback SQS endpoint",
      config: () => ({ ...keys(), endpoint: "http://sqs.example.com" }),
      code: "ENDPOINT_INSECURE",
      names: /endpoint uses http:\/\/ for sqs\.example\.com/,
    },
    {
      what: "http:// to a non-loopback Roles Anywhere endpoint",
      config: () => roles({ rolesAnywhereEndpoint: "http://10.1.2.3:8443" }),
      code: "ENDPOINT_INSECURE",
      names: /rolesAnywhereEndpoint uses http:\/\//,
    },
    {
      what: "an endpoint that is not a URL",
      config: () => ({ ...keys(), endpoint: "sqs.local" }),
      code: "CONFIG_INVALID",
      names: /endpoint is not in the accepted form/,
    },
    { what: "maxAttempts of 0", config: () => ({ ...keys(), maxAttempts: 0 }), code: "CONFIG_INVALID", names: /maxAttempts must be >= 1/ },
    {
      what: "a garbage PEM certificate",
      config: () => roles({ certificate: "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----" }),
      code: "CERTIFICATE_INVALID",
      names: /certificate/,
    },
    {
      what: "a truncated certificate (cut DER)",
      config: () => roles({ certificate: truncated }),
      code: "CERTIFICATE_INVALID",
      names: /certificate/,
    },
    {
      what: "an expired certificate",
      config: () => roles({ certificate: expired.certificatePem, privateKey: expired.privateKeyPem() }),
      code: "CERTIFICATE_EXPIRED",
      names: /certificate/,
    },
    {
      what: "a certificate not yet valid",
      config: () => roles({ certificate: future.certificatePem, privateKey: future.privateKeyPem() }),
      code: "CERTIFICATE_NOT_YET_VALID",
      names: /certificate/,
    },
    {
      what: "a key of another certificate",
      config: () => roles({ privateKey: other.privateKeyPem() }),
      code: "KEY_CERTIFICATE_MISMATCH",
      names: /privateKey/,
    },
    {
      what: "an Ed25519 key",
      config: () => roles({ certificate: ed25519.certificatePem, privateKey: ed25519.privateKeyPem() }),
      code: "KEY_TYPE_UNSUPPORTED",
      names: /Ed25519/,
    },
    {
      what: "a DSA key",
      config: () => roles({ certificate: dsa.certificatePem, privateKey: dsa.privateKeyPem() }),
      code: "KEY_TYPE_UNSUPPORTED",
      names: /DSA/,
    },
    {
      what: "an EC P-521 key",
      config: () => roles({ certificate: p521.certificatePem, privateKey: p521.privateKeyPem() }),
      code: "KEY_TYPE_UNSUPPORTED",
      names: /P-521/,
    },
    {
      what: "a wrong passphrase",
      config: () =>
        roles({ privateKey: leaf.privateKeyPem("pkcs8-encrypted", "right-passphrase"), privateKeyPassphrase: "wrong-passphrase" }),
      code: "PRIVATE_KEY_PASSPHRASE_WRONG",
      names: /privateKeyPassphrase/,
    },
    {
      what: "an encrypted key without passphrase",
      config: () => roles({ privateKey: leaf.privateKeyPem("pkcs8-encrypted", "right-passphrase") }),
      code: "PRIVATE_KEY_PASSPHRASE_REQUIRED",
      names: /privateKeyPassphrase/,
    },
    {
      what: "a wrong PKCS#12 password",
      config: () =>
        roles({
          certificate: leaf.pkcs12Base64({ password: "bundle-password" }),
          privateKey: undefined,
          privateKeyPassphrase: "not-the-password",
        }),
      code: "PRIVATE_KEY_PASSPHRASE_WRONG",
      names: /privateKeyPassphrase/,
    },
    {
      what: "a garbage private key",
      config: () => roles({ privateKey: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----" }),
      code: "PRIVATE_KEY_INVALID",
      names: /privateKey/,
    },
    {
      what: "a garbage certificate chain",
      config: () => roles({ certificateChain: "intermediate goes here" }),
      code: "CERTIFICATE_CHAIN_INVALID",
      names: /certificateChain/,
    },
  ];

  for (const c of cases) {
    it(`${c.code} for ${c.what}, naming the field`, async () => {
      const failure = await firstFailure(c.config());
      assert.ok(failure !== undefined, "the connection must not work");
      assert.equal(failure.code, c.code, failure.message);
      assert.match(failure.message, c.names);
    });
  }

  it("takes any access key id with a custom endpoint, as emulators and SQS-compatible services use them", async () => {
    const queue = await env.queue("short-key-ids");
    for (const accessKeyId of ["test", "x"]) {
      const connection = connect({ ...keys(), accessKeyId });
      const results = await collect(connection.operation("send", { queueUrl: queue.url }).execute([{ body: accessKeyId }]));
      connection.close();
      assert.deepEqual(errorCodes(results), [undefined]);
    }
  });

  it("still connects and sends after every bad connection above (nothing crashed, nothing poisoned)", async () => {
    const queue = await env.queue("after-bad-connections");
    for (const config of [keys(), roles({})]) {
      const connection = connect(config);
      const results = await collect(connection.operation("send", { queueUrl: queue.url }).execute([{ body: "still fine" }]));
      connection.close();
      assert.deepEqual(errorCodes(results), [undefined]);
    }
  });
});
