import assert from "node:assert/strict";
import { parseNdjson, runCli, tempFiles } from "../support/cli.js";
import { useEmbeddedSqs } from "../support/embeddedSqs.js";
import { createRootCa } from "../support/pki.js";
import { useLocalRolesAnywhere } from "../support/rolesAnywhere/useLocalRolesAnywhere.js";

const PASSPHRASE = "correct horse battery staple";

describe("CLI end to end with IAM Roles Anywhere (local CreateSession endpoint, embedded SQS)", () => {
  const env = useEmbeddedSqs();
  const root = createRootCa({ keyAlgorithm: "rsa" });
  const intermediate = root.issueIntermediate({ keyAlgorithm: "p384" });
  const leaf = intermediate.issueLeaf({ keyAlgorithm: "p256", commonName: "plant-gateway-7" });
  const stranger = createRootCa({ keyAlgorithm: "p256" }).issueLeaf({ keyAlgorithm: "p256" });
  const ra = useLocalRolesAnywhere({ trustAnchors: [root.certificatePem] });
  let file: (name: string) => string;
  let queueUrl: string;
  let privateKeyPem: string;

  before(async () => {
    queueUrl = (await env.queue("ra-cli.fifo")).url;
    privateKeyPem = leaf.privateKeyPem("pkcs8-encrypted", PASSPHRASE);
    const connection = {
      ...env.connectionConfig(),
      authType: "rolesAnywhere",
      accessKeyId: undefined,
      secretAccessKey: undefined,
      ...ra.settings,
      certificate: "@leaf.pem",
      certificateChain: "@chain.pem",
      privateKey: "@leaf.key",
      privateKeyPassphrase: PASSPHRASE,
      sessionName: "cli-e2e",
      durationSeconds: 900,
    };
    file = tempFiles({
      "leaf.pem": leaf.certificatePem,
      "chain.pem": intermediate.certificatePem,
      "leaf.key": privateKeyPem,
      "stranger.pem": stranger.certificatePem,
      "stranger.key": stranger.privateKeyPem(),
      "connection.json": connection,
      "untrusted.json": {
        ...connection,
        certificate: "@stranger.pem",
        privateKey: "@stranger.key",
        privateKeyPassphrase: undefined,
        certificateChain: undefined,
      },
      "send.json": { queueUrl, messageGroupIdPointer: "/line", messageDeduplicationIdPointer: "/key" },
      "receive.json": { queueUrl, bodyEncoding: "json", waitTimeSeconds: 1, maxMessages: 10, deleteAfterReceive: true },
    });
  });

  it("test-connection passes the certificate, CreateSession and SQS steps", async () => {
    const run = await runCli(["test-connection", "--connection", file("connection.json"), "--queue-url", queueUrl]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const report = JSON.parse(run.stdout) as {
      ok: boolean;
      identity: Record<string, string>;
      checks: Array<{ step: string; status: string }>;
    };
    assert.equal(report.ok, true);
    assert.deepEqual(
      report.checks.map((c) => `${c.step}:${c.status}`),
      ["certificate:passed", "credentials:passed", "sqs:passed"],
    );
    assert.equal(report.identity["keyType"], "EC P-256");
    assert.equal(report.identity["chainLength"], "1");
    assert.equal(ra.sessions.at(-1)?.roleSessionName, "cli-e2e");
    assert.equal(ra.sessions.at(-1)?.durationSeconds, 900);
    for (const secret of [PASSPHRASE, privateKeyPem.split("\n")[1]!, ra.sessions.at(-1)!.secretAccessKey]) {
      assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), "no secret in the report or logs");
    }
  });

  it("sends and receives with the temporary credentials", async () => {
    const before = ra.createSessionCalls;
    const docs = [
      { body: { line: "press-1", key: "a", bar: 4.1 } },
      { body: { line: "press-2", key: "b", bar: 3.8 } },
      { body: { line: "press-1", key: "a", bar: 4.1 } },
    ];
    const sent = await runCli(["send", "--connection", file("connection.json"), "--config", file("send.json")], {
      stdin: docs.map((d) => JSON.stringify(d)).join("\n"),
    });
    assert.equal(sent.code, 0, sent.stderr);
    assert.equal(parseNdjson(sent.stdout).length, 3);
    const received = await runCli(["receive", "--connection", file("connection.json"), "--config", file("receive.json")]);
    assert.equal(received.code, 0, received.stderr);
    const bodies = parseNdjson(received.stdout)
      .map((r) => (r["document"] as { body: { key: string } }).body.key)
      .sort();
    assert.deepEqual(bodies, ["a", "b"]);
    // Each CLI process starts with an empty cache: one CreateSession each.
    assert.equal(ra.createSessionCalls - before, 2);
    assert.equal(await env.depth(queueUrl), 0);
  });

  it("test-connection names the CreateSession step when the trust anchor does not trust the certificate", async () => {
    const run = await runCli(["test-connection", "--connection", file("untrusted.json"), "--queue-url", queueUrl]);
    assert.equal(run.code, 1);
    const report = JSON.parse(run.stdout) as { ok: boolean; failedStep: string; code: string; message: string };
    assert.deepEqual([report.ok, report.failedStep, report.code], [false, "credentials", "ROLES_ANYWHERE_UNTRUSTED_CERTIFICATE"]);
  });
});
