import assert from "node:assert/strict";
import { parseNdjson, runCli, tempFiles } from "../support/cli.js";
import { dataByKey, useEmbeddedKinesis } from "../support/embeddedKinesis.js";
import { createRootCa } from "../support/pki.js";
import { useLocalRolesAnywhere } from "../support/rolesAnywhere/useLocalRolesAnywhere.js";
import { startSignatureCheckingProxy, type SignatureCheckingProxy } from "../support/signatureCheckingProxy.js";

const KEYS = { accessKeyId: "AKIAKINESISCLITEST01", secretAccessKey: "kinesis-cli-test-secret-0000000000000001" };
const ENV_KEYS = { accessKeyId: "AKIAKINESISENVCHAIN1", secretAccessKey: "kinesis-env-chain-secret-000000000000001" };
const EMBEDDED = { authType: "accessKeys", accessKeyId: "AKIAEMBEDDEDEXAMPLE0", secretAccessKey: "x", kinesisEndpoint: "embedded" };
const readings = (count: number) =>
  Array.from({ length: count }, (_, i) => JSON.stringify({ body: { deviceId: `gw-${i % 3}`, seq: i } })).join("\n") + "\n";

describe("putRecords from the CLI", () => {
  const env = useEmbeddedKinesis();
  const root = createRootCa({ keyAlgorithm: "p256" });
  const leaf = root.issueLeaf({ keyAlgorithm: "p256", commonName: "kinesis-gateway" });
  const ra = useLocalRolesAnywhere({ trustAnchors: [root.certificatePem] });
  let proxy: SignatureCheckingProxy;
  let file: (name: string) => string;

  before(async () => {
    proxy = await startSignatureCheckingProxy(env.kinesis.endpoint, (id) => {
      if (id === KEYS.accessKeyId) return { secretAccessKey: KEYS.secretAccessKey };
      if (id === ENV_KEYS.accessKeyId) return { secretAccessKey: ENV_KEYS.secretAccessKey };
      const session = ra.sessions.find((s) => s.accessKeyId === id);
      return session === undefined ? undefined : { secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken };
    });
    const region = env.kinesis.region;
    file = tempFiles({
      "keys.json": { authType: "accessKeys", ...KEYS, region, kinesisEndpoint: proxy.url },
      "chain.json": { authType: "defaultChain", region, kinesisEndpoint: proxy.url },
      "ra.json": {
        authType: "rolesAnywhere",
        ...ra.settings,
        certificate: "@leaf.pem",
        privateKey: "@leaf.key",
        region,
        kinesisEndpoint: proxy.url,
      },
      "leaf.pem": leaf.certificatePem,
      "leaf.key": leaf.privateKeyPem(),
      "embedded.json": EMBEDDED,
      "config.json": { partitionKeyPointer: "/deviceId" },
    });
  });
  after(async () => {
    await proxy?.close();
  });

  const authCases: Array<[string, string, () => string, Record<string, string>]> = [
    ["access keys", "keys.json", () => KEYS.accessKeyId, {}],
    [
      "the default chain (environment variables)",
      "chain.json",
      () => ENV_KEYS.accessKeyId,
      // Only the environment: no profile files of the machine.
      {
        AWS_ACCESS_KEY_ID: ENV_KEYS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: ENV_KEYS.secretAccessKey,
        AWS_CONFIG_FILE: "/nonexistent",
        AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
      },
    ],
    ["IAM Roles Anywhere", "ra.json", () => ra.sessions.at(-1)!.accessKeyId, {}],
  ];
  for (const [auth, connectionFile, signer, extraEnv] of authCases) {
    it(`writes records signed with ${auth}`, async () => {
      const stream = await env.stream(`cli-${connectionFile.replace(".json", "")}`);
      const run = await runCli(["putRecords", "-c", file(connectionFile), "--config", file("config.json"), "--stream-name", stream], {
        stdin: readings(30),
        env: extraEnv,
      });
      assert.equal(run.code, 0, run.stdout + run.stderr);
      const results = parseNdjson(run.stdout);
      assert.equal(results.length, 30);
      assert.ok(results.every((r) => r["status"] === "success"));
      assert.ok(proxy.signers.has(signer()), `signed by ${signer()}`);
      const byKey = dataByKey(await env.records(stream));
      assert.deepEqual([...byKey.keys()].sort(), ["gw-0", "gw-1", "gw-2"]);
    });
  }

  it("refuses credentials the service does not know, as an operation failure (exit 1)", async () => {
    const bad = tempFiles({
      "bad.json": { authType: "accessKeys", accessKeyId: "AKIAUNKNOWNKEY000001", secretAccessKey: "nope", kinesisEndpoint: proxy.url },
    });
    const stream = await env.stream("cli-bad");
    const run = await runCli(["putRecords", "-c", bad("bad.json"), "--stream-name", stream], {
      stdin: '{"body": "x", "partitionKey": "k"}\n',
    });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /AUTH_FAILED/);
  });

  it('starts the embedded Kinesis for "kinesisEndpoint": "embedded", creates the stream and exits 3 when some documents fail', async () => {
    const run = await runCli(["putRecords", "-c", file("embedded.json"), "--stream-name", "sensor-readings"], {
      stdin: '{"body": {"deviceId": "a"}, "partitionKey": "a"}\n{"body": "no key"}\nnot json\n',
    });
    assert.equal(run.code, 3, run.stderr);
    assert.deepEqual(
      parseNdjson(run.stdout).map((r) => (r["status"] === "success" ? "ok" : (r["error"] as { code: string }).code)),
      ["ok", "PARTITION_KEY_REQUIRED", "DOCUMENT_INVALID"],
    );
  });

  it("test-connection --stream-name checks the stream; browse --streams lists streams", async () => {
    const tested = await runCli(["test-connection", "-c", file("embedded.json"), "--stream-name", "checked-stream"]);
    assert.equal(tested.code, 0, tested.stdout + tested.stderr);
    const report = JSON.parse(tested.stdout) as { ok: boolean; checks: Array<{ step: string; status: string }> };
    assert.deepEqual(
      report.checks.map((c) => `${c.step}:${c.status}`),
      ["credentials:passed", "kinesis:passed"],
    );
    const listed = await runCli(["browse", "-c", file("keys.json"), "--streams", "--prefix", "cli-"]);
    assert.equal(listed.code, 0, listed.stderr);
    const names = (JSON.parse(listed.stdout) as { streams: Array<{ name: string }> }).streams.map((s) => s.name);
    assert.ok(names.length >= 3 && names.every((name) => name.startsWith("cli-")), listed.stdout);
  });

  it('runs a process file whose "streams" are created on the embedded Kinesis', async () => {
    const process = tempFiles({
      "process.json": {
        connection: EMBEDDED,
        streams: [{ name: "process-readings", shardCount: 2 }],
        steps: [
          {
            operation: "putRecords",
            config: { streamName: "process-readings", partitionKeyPointer: "/deviceId" },
            input: [{ body: { deviceId: "a", t: 1 } }, { body: { deviceId: "b", t: 2 } }],
          },
        ],
      },
    });
    const run = await runCli(["run", process("process.json")]);
    assert.equal(run.code, 0, run.stderr);
    const results = parseNdjson(run.stdout);
    assert.deepEqual(
      results.map((r) => r["status"]),
      ["success", "success"],
    );
    assert.match(String((results[0]!["document"] as { shardId: string }).shardId), /^shardId-00000000000[01]$/);
  });
});
