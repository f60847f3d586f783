import assert from "node:assert/strict";
import { fromProcess } from "@aws-sdk/credential-provider-process";
import { CLI, runCli, tempFiles } from "../support/cli.js";
import { createRootCa } from "../support/pki.js";
import { useLocalRolesAnywhere } from "../support/rolesAnywhere/useLocalRolesAnywhere.js";

const KEYS = { accessKeyId: "AKIACREDENTIALSTEST1", secretAccessKey: "credentials-command-secret-0000000000001" };
const TEMPORARY = {
  accessKeyId: "ASIACREDENTIALSTEST1",
  secretAccessKey: "chain-secret-00000000000000000000000001",
  sessionToken: "chain-token-0001",
};

/** A credential_process line that runs this repository's CLI with node. */
const credentialProcess = (...args: string[]) =>
  [process.execPath, CLI, "credentials", ...args].map((arg) => JSON.stringify(arg)).join(" ");

describe("sqs-connector credentials (credential_process)", () => {
  const root = createRootCa({ keyAlgorithm: "rsa" });
  const leaf = root.issueLeaf({ keyAlgorithm: "p256" });
  const ra = useLocalRolesAnywhere({ trustAnchors: [root.certificatePem] });
  const saved = { config: process.env["AWS_CONFIG_FILE"], credentials: process.env["AWS_SHARED_CREDENTIALS_FILE"] };
  let file: (name: string) => string;

  before(() => {
    const rolesAnywhere = {
      authType: "rolesAnywhere",
      ...ra.settings,
      certificate: "@leaf.pem",
      privateKey: "@leaf.key",
      durationSeconds: 900,
    };
    file = tempFiles({
      "leaf.pem": leaf.certificatePem,
      "leaf.key": leaf.privateKeyPem(),
      "roles-anywhere.json": rolesAnywhere,
      "access-keys.json": { authType: "accessKeys", ...KEYS, endpoint: "embedded" },
      "temporary-keys.json": { authType: "accessKeys", ...TEMPORARY },
      "default-chain.json": { authType: "defaultChain" },
      credentials: "",
    });
    // The AWS SDK reads ~/.aws/config from here; the shared credentials file is empty.
    const config = tempFiles({
      config: [
        "[profile plant]",
        `credential_process = ${credentialProcess("--connection", file("roles-anywhere.json"))}`,
        "[profile keys]",
        `credential_process = ${credentialProcess("--connection", file("access-keys.json"), "--allow-long-term-keys")}`,
        "[profile temporary]",
        `credential_process = ${credentialProcess("--connection", file("temporary-keys.json"), "--allow-long-term-keys")}`,
        "[profile refused]",
        `credential_process = ${credentialProcess("--connection", file("access-keys.json"))}`,
        "",
      ].join("\n"),
    });
    process.env["AWS_CONFIG_FILE"] = config("config");
    process.env["AWS_SHARED_CREDENTIALS_FILE"] = file("credentials");
  });
  after(() => {
    for (const [name, value] of [
      ["AWS_CONFIG_FILE", saved.config],
      ["AWS_SHARED_CREDENTIALS_FILE", saved.credentials],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it("gives the AWS SDK's process provider the Roles Anywhere session's temporary credentials", async () => {
    const credentials = await fromProcess({ profile: "plant" })();
    const session = ra.sessions.at(-1)!;
    assert.deepEqual(
      { ...credentials, $source: undefined },
      {
        accessKeyId: session.accessKeyId,
        secretAccessKey: session.secretAccessKey,
        sessionToken: session.sessionToken,
        expiration: new Date(session.expiration),
        $source: undefined,
      },
    );
    assert.equal(session.durationSeconds, 900);
  });

  it("prints Version 1 JSON on stdout only: stderr carries no secret, even with --verbose", async () => {
    const run = await runCli(["credentials", "--connection", file("roles-anywhere.json"), "--verbose"]);
    assert.equal(run.code, 0, run.stderr);
    const printed = JSON.parse(run.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(printed), ["Version", "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"]);
    assert.equal(printed["Version"], 1);
    assert.match(String(printed["Expiration"]), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    for (const secret of [printed["SecretAccessKey"], printed["SessionToken"], "PRIVATE KEY"]) {
      assert.ok(!run.stderr.includes(String(secret)), "a secret reached stderr");
    }
  });

  it("refuses an access-keys connection's long-term keys with exit 2, naming the flag, printing nothing", async () => {
    const run = await runCli(["credentials", "--connection", file("access-keys.json")]);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, "");
    assert.match(run.stderr, /long-term credentials .*--allow-long-term-keys/);
    assert.ok(!run.stderr.includes(KEYS.secretAccessKey));
    await assert.rejects(fromProcess({ profile: "refused" })(), /Command failed/);
  });

  it("prints access keys with --allow-long-term-keys, without Expiration, with a session token when there is one", async () => {
    const keys = await fromProcess({ profile: "keys" })();
    assert.deepEqual({ ...keys, $source: undefined }, { ...KEYS, $source: undefined });
    const temporary = await fromProcess({ profile: "temporary" })();
    assert.deepEqual({ ...temporary, $source: undefined }, { ...TEMPORARY, $source: undefined });
  });

  it("prints what the default chain resolves", async () => {
    const run = await runCli(["credentials", "--connection", file("default-chain.json")], {
      env: {
        AWS_ACCESS_KEY_ID: TEMPORARY.accessKeyId,
        AWS_SECRET_ACCESS_KEY: TEMPORARY.secretAccessKey,
        AWS_SESSION_TOKEN: TEMPORARY.sessionToken,
      },
    });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), {
      Version: 1,
      AccessKeyId: TEMPORARY.accessKeyId,
      SecretAccessKey: TEMPORARY.secretAccessKey,
      SessionToken: TEMPORARY.sessionToken,
    });
  });

  it("stops a default chain whose credential_process runs itself (exit 1: the chain found nothing else)", async () => {
    const loop = tempFiles({
      config: `[profile loop]\ncredential_process = ${credentialProcess("--connection", file("default-chain.json"))}\n`,
    });
    const run = await runCli(["credentials", "--connection", file("default-chain.json")], {
      env: { AWS_CONFIG_FILE: loop("config"), AWS_PROFILE: "loop", AWS_EC2_METADATA_DISABLED: "true" },
    });
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, "");
    assert.match(run.stderr, /CREDENTIALS_MISSING/);
  });

  it("fails with exit 1 and the service's reason when CreateSession is refused", async () => {
    ra.failNext({ status: 403, type: "AccessDeniedException", message: "Not authorized to assume role" });
    const run = await runCli(["credentials", "--connection", file("roles-anywhere.json")]);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, "");
    assert.match(run.stderr, /ROLES_ANYWHERE_ACCESS_DENIED/);
  });
});
