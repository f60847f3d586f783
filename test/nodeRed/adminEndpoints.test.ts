import assert from "node:assert/strict";
import { clearSessionCredentialCache } from "../../auth/rolesAnywhere/rolesAnywhereCredentialSource.js";
import type { TestConnectionReport } from "../../core/generated/test-report.js";
import { EMBEDDED_CREDENTIALS } from "../../host/embeddedSqs.js";
import { useEmbeddedSqs } from "../support/embeddedSqs.js";
import { connectionNode, helper, startFlow, useFlowHelper } from "../support/nodeRed/flowHelper.js";
import { createRootCa } from "../support/pki.js";
import { startLocalRolesAnywhere, type LocalRolesAnywhere } from "../support/rolesAnywhere/localRolesAnywhere.js";
import { fakeSqs, isolateNetwork, KEYS, REGION } from "../support/sqsNock.js";

const PASSPHRASE = "node-red dialog passphrase";

type Dialog = { id?: string; properties: Record<string, unknown>; credentials: Record<string, unknown>; target?: Record<string, string> };

/** What the connection dialog posts: every value as its input holds it (numbers as text). */
const accessKeysDialog = (endpoint: string | undefined, secretAccessKey: string): Dialog => ({
  properties: {
    authType: "accessKeys",
    accessKeyId: KEYS.accessKeyId,
    region: REGION,
    customRegion: "",
    endpoint: endpoint ?? "",
    maxAttempts: "1",
    requestTimeoutSeconds: "5",
  },
  credentials: { secretAccessKey, sessionToken: "" },
});

describe("Node-RED designer endpoints: Test connection and the queue picker", () => {
  const env = useEmbeddedSqs();
  useFlowHelper();
  isolateNetwork();
  let ra: LocalRolesAnywhere;
  let rolesAnywhereDialog: (certificate: string, privateKey: string) => Dialog;
  let untrusted: { certificate: string; privateKey: string };
  let trusted: { certificate: string; chain: string; privateKey: string };

  before(async () => {
    clearSessionCredentialCache();
    const root = createRootCa({ keyAlgorithm: "p256" });
    const intermediate = root.issueIntermediate({ keyAlgorithm: "p256" });
    const leaf = intermediate.issueLeaf({ keyAlgorithm: "rsa", commonName: "node-red-gateway" });
    const stranger = createRootCa().issueLeaf();
    trusted = {
      certificate: leaf.certificatePem,
      chain: intermediate.certificatePem,
      privateKey: leaf.privateKeyPem("pkcs8-encrypted", PASSPHRASE),
    };
    untrusted = { certificate: stranger.certificatePem, privateKey: stranger.privateKeyPem() };
    ra = await startLocalRolesAnywhere({ trustAnchors: [root.certificatePem] });
    rolesAnywhereDialog = (certificate, privateKey) => ({
      properties: {
        authType: "rolesAnywhere",
        accessKeyId: "left over from access keys",
        region: env.sqs.region,
        endpoint: env.sqs.endpoint,
        ...ra.settings,
        certificateChain: trusted.chain,
        durationSeconds: "900",
      },
      credentials: {
        certificate,
        privateKey,
        privateKeyPassphrase: certificate === trusted.certificate ? PASSPHRASE : "",
        secretAccessKey: "",
      },
    });
  });
  after(async () => {
    await ra.close();
    clearSessionCredentialCache();
  });

  /** Loads a flow holding one deployed connection (so the endpoints exist and can find its stored secrets). */
  const deployConnection = async (config: Record<string, unknown>) => {
    const { node, credentials } = connectionNode("conn", config);
    await startFlow([node], credentials);
  };
  const post = async (action: "test" | "browse", body: unknown) =>
    helper
      .request()
      .post(`/amazon-sqs-connection/${action}`)
      .send(body as object);
  const test = async (dialog: Dialog) => {
    const response = await post("test", dialog);
    assert.equal(response.status, 200, response.text);
    return { report: response.body as TestConnectionReport, text: response.text };
  };
  const statuses = (report: TestConnectionReport) => report.checks.map((check) => `${check.step}:${check.status}`);

  it("tests the dialog's access keys against SQS, checking the queue it names", async () => {
    await deployConnection(env.connectionConfig());
    const queue = await env.queue("nr-admin");
    const { report } = await test({
      properties: {
        authType: "accessKeys",
        accessKeyId: EMBEDDED_CREDENTIALS.accessKeyId,
        region: env.sqs.region,
        endpoint: env.sqs.endpoint,
      },
      credentials: { secretAccessKey: EMBEDDED_CREDENTIALS.secretAccessKey },
      target: { queueName: queue.name },
    });
    assert.equal(report.ok, true, report.message);
    assert.deepEqual(statuses(report), ["credentials:passed", "sqs:passed", "sqs:passed"]);
    assert.equal(report.identity?.["queueUrl"], queue.url);
  });

  it("checks the bucket the dialog's Check bucket names (S3 on the dialog's s3Endpoint)", async () => {
    await deployConnection(env.connectionConfig());
    await env.sqs.createBucket("nr-dialog-payloads");
    const dialog = (bucket: string): Dialog => ({
      properties: {
        authType: "accessKeys",
        accessKeyId: EMBEDDED_CREDENTIALS.accessKeyId,
        region: env.sqs.region,
        s3Endpoint: env.sqs.endpoint,
      },
      credentials: { secretAccessKey: EMBEDDED_CREDENTIALS.secretAccessKey },
      target: { bucket },
    });
    const { report } = await test(dialog("nr-dialog-payloads/in/"));
    assert.equal(report.ok, true, report.message);
    assert.deepEqual(statuses(report), ["credentials:passed", "s3:passed", "s3:passed", "s3:passed", "s3:passed"]);
    const missing = await test(dialog("nr-no-such-bucket"));
    assert.deepEqual([missing.report.ok, missing.report.failedStep, missing.report.code], [false, "s3", "PAYLOAD_BUCKET_NOT_FOUND"]);
  });

  it("reports access keys SQS refuses as a failed credentials step, without the secret", async () => {
    await deployConnection(env.connectionConfig());
    const sqs = fakeSqs(() => [200, { QueueUrls: [] }]);
    const wrongSecret = "definitely-not-the-right-secret-0000000001";
    const { report, text } = await test(accessKeysDialog(undefined, wrongSecret));
    sqs.done();
    assert.equal(report.ok, false);
    assert.equal(report.failedStep, "credentials");
    assert.equal(report.code, "AUTH_FAILED");
    assert.deepEqual(statuses(report), ["credentials:passed", "credentials:failed"]);
    assert.ok(!text.includes(wrongSecret));
  });

  it("reports settings that can never work as a failed config step naming the field", async () => {
    await deployConnection(env.connectionConfig());
    const dialog = accessKeysDialog(undefined, KEYS.secretAccessKey);
    const { report } = await test({ ...dialog, properties: { ...dialog.properties, accessKeyId: "not a key!" } });
    assert.equal(report.ok, false);
    assert.equal(report.failedStep, "config");
    assert.equal(report.code, "CONFIG_INVALID");
    assert.match(report.message, /accessKeyId/);
  });

  it("uses the deployed connection's stored secret when the dialog shows the placeholder", async () => {
    await deployConnection({ authType: "accessKeys", ...KEYS, region: REGION, maxAttempts: 1 });
    const sqs = fakeSqs(() => [200, { QueueUrls: [] }]);
    const { report } = await test({ id: "conn", ...accessKeysDialog(undefined, "__PWRD__") });
    sqs.done();
    assert.equal(report.ok, true, report.message);
    assert.equal(sqs.of("ListQueues")[0]?.signedBy, KEYS.accessKeyId, "signed with the stored secret");
  });

  it("does not send a stored secret to an endpoint the dialog changed", async () => {
    await deployConnection({ authType: "accessKeys", ...KEYS, region: REGION, maxAttempts: 1 });
    const { report } = await test({ id: "conn", ...accessKeysDialog("https://sqs.attacker.example", "__PWRD__") });
    assert.equal(report.ok, false);
    assert.equal(report.failedStep, "config");
    assert.match(report.message, /type it in again/);
  });

  it("tests a Roles Anywhere connection: certificate, CreateSession and SQS all pass", async () => {
    await deployConnection(env.connectionConfig());
    const calls = ra.createSessionCalls;
    const { report, text } = await test(rolesAnywhereDialog(trusted.certificate, trusted.privateKey));
    assert.equal(report.ok, true, report.message);
    assert.deepEqual(statuses(report), ["certificate:passed", "credentials:passed", "sqs:passed"]);
    assert.equal(ra.createSessionCalls, calls + 1);
    assert.ok(!text.includes(PASSPHRASE) && !text.includes("PRIVATE KEY"));
  });

  it("reports a certificate Roles Anywhere does not trust as a failed credentials step, without the key", async () => {
    await deployConnection(env.connectionConfig());
    const { report, text } = await test(rolesAnywhereDialog(untrusted.certificate, untrusted.privateKey));
    assert.equal(report.ok, false);
    assert.equal(report.failedStep, "credentials");
    assert.equal(report.code, "ROLES_ANYWHERE_UNTRUSTED_CERTIFICATE");
    assert.deepEqual(statuses(report), ["certificate:passed", "credentials:failed"]);
    assert.ok(!text.includes("PRIVATE KEY"));
  });

  it("lists queues for the picker with their FIFO flags, through an undeployed connection", async () => {
    await deployConnection(env.connectionConfig());
    const standard = await env.queue("nr-pick");
    const fifo = await env.queue("nr-pick.fifo", { ContentBasedDeduplication: "true" });
    const response = await post("browse", {
      properties: {
        authType: "accessKeys",
        accessKeyId: EMBEDDED_CREDENTIALS.accessKeyId,
        region: env.sqs.region,
        endpoint: env.sqs.endpoint,
      },
      credentials: { secretAccessKey: EMBEDDED_CREDENTIALS.secretAccessKey },
      prefix: "nr-pick",
    });
    assert.equal(response.status, 200, response.text);
    const queues = (response.body as { queues: Array<{ name: string; fifo: boolean; contentBasedDeduplication: boolean | null }> }).queues;
    assert.deepEqual(
      queues.map((q) => [q.name, q.fifo, q.contentBasedDeduplication]).sort(),
      [
        [standard.name, false, false],
        [fifo.name, true, true],
      ].sort(),
    );
  });

  it("answers a queue listing with unusable settings with 400 and the error code", async () => {
    await deployConnection(env.connectionConfig());
    const response = await post("browse", { properties: { authType: "accessKeys" }, credentials: {} });
    assert.equal(response.status, 400);
    assert.equal((response.body as { code: string }).code, "CONFIG_INVALID");
  });

  it("answers an unexpected failure with 500 and logs its cause, with the request's secrets redacted", async () => {
    await deployConnection(env.connectionConfig());
    const typedSecret = "typed-secret-never-in-the-log-0000001";
    // A form value nested too deep to turn into text: a failure no ConnectorError describes.
    const tooDeep = `${"[".repeat(50_000)}"${typedSecret}"${"]".repeat(50_000)}`;
    const dialog = JSON.stringify({ ...accessKeysDialog(undefined, typedSecret), id: "conn" }).replace(
      `"region":"${REGION}"`,
      `"region":${tooDeep}`,
    );
    for (const action of ["test", "browse"] as const) {
      helper.log().resetHistory();
      const response = await helper.request().post(`/amazon-sqs-connection/${action}`).set("content-type", "application/json").send(dialog);
      assert.equal(response.status, 500, response.text);
      assert.match(response.text, /see the Node-RED log/);
      const logged = helper
        .log()
        .args.map(([entry]) => (entry as { msg?: unknown }).msg)
        .filter((msg): msg is string => typeof msg === "string" && msg.includes("unexpected failure"));
      assert.equal(logged.length, 1, `${action}: one log line with the cause`);
      assert.match(
        logged[0]!,
        new RegExp(`amazon-sqs-connection ${action}: unexpected failure: RangeError: Maximum call stack size exceeded`),
      );
      assert.ok(!logged[0]!.includes(typedSecret) && !response.text.includes(typedSecret));
    }
  });
});
