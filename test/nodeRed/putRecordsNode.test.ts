import assert from "node:assert/strict";
import type { NodeMessage } from "node-red";
import { activityVerb } from "../../node-red/runtime/activityStatus.js";
import { dataByKey, useEmbeddedKinesis } from "../support/embeddedKinesis.js";
import { collector, connectionNode, flowNode, helper, startFlow, useFlowHelper } from "../support/nodeRed/flowHelper.js";
import { createRootCa } from "../support/pki.js";
import { useLocalRolesAnywhere } from "../support/rolesAnywhere/useLocalRolesAnywhere.js";
import { startSignatureCheckingProxy, type SignatureCheckingProxy } from "../support/signatureCheckingProxy.js";

const KEYS = { accessKeyId: "AKIANODEREDKINESIS01", secretAccessKey: "node-red-kinesis-secret-0000000000000001" };
const ENV_KEYS = { accessKeyId: "AKIANODEREDENVCHAIN1", secretAccessKey: "node-red-env-chain-secret-00000000000001" };
type Result = NodeMessage & { payload: Record<string, unknown>; error?: { code: string } };

describe("the putRecords node (from the manifest, node-red-node-test-helper) with every auth type", () => {
  const env = useEmbeddedKinesis();
  const root = createRootCa({ keyAlgorithm: "rsa" });
  const leaf = root.issueLeaf({ keyAlgorithm: "rsa", commonName: "node-red-gateway" });
  const ra = useLocalRolesAnywhere({ trustAnchors: [root.certificatePem] });
  let proxy: SignatureCheckingProxy;
  const savedEnv = { id: process.env["AWS_ACCESS_KEY_ID"], secret: process.env["AWS_SECRET_ACCESS_KEY"] };
  useFlowHelper();

  before(async () => {
    proxy = await startSignatureCheckingProxy(env.kinesis.endpoint, (id) => {
      if (id === KEYS.accessKeyId) return { secretAccessKey: KEYS.secretAccessKey };
      if (id === ENV_KEYS.accessKeyId) return { secretAccessKey: ENV_KEYS.secretAccessKey };
      const session = ra.sessions.find((s) => s.accessKeyId === id);
      return session === undefined ? undefined : { secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken };
    });
    // The default chain reads the environment first.
    process.env["AWS_ACCESS_KEY_ID"] = ENV_KEYS.accessKeyId;
    process.env["AWS_SECRET_ACCESS_KEY"] = ENV_KEYS.secretAccessKey;
  });
  after(async () => {
    for (const [name, value] of [
      ["AWS_ACCESS_KEY_ID", savedEnv.id],
      ["AWS_SECRET_ACCESS_KEY", savedEnv.secret],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await proxy?.close();
  });

  const cases: Array<[string, () => Record<string, unknown>, () => string]> = [
    ["access keys", () => ({ authType: "accessKeys", ...KEYS }), () => KEYS.accessKeyId],
    ["the default chain", () => ({ authType: "defaultChain" }), () => ENV_KEYS.accessKeyId],
    [
      "IAM Roles Anywhere",
      () => ({ authType: "rolesAnywhere", ...ra.settings, certificate: leaf.certificatePem, privateKey: leaf.privateKeyPem() }),
      () => ra.sessions.at(-1)!.accessKeyId,
    ],
  ];
  for (const [auth, settings, signer] of cases) {
    it(`puts each document as a record, signed with ${auth}; a refused document leaves on the error output`, async () => {
      const stream = await env.stream("node-red");
      const { node, credentials } = connectionNode("conn", { ...settings(), region: env.kinesis.region, kinesisEndpoint: proxy.url });
      await startFlow(
        [
          node,
          {
            id: "put",
            type: "amazon-sqs-putRecords",
            connection: "conn",
            streamName: stream,
            partitionKeyPointer: "/deviceId",
            wires: [["written"], ["failed"]],
          },
          { id: "written", type: "helper" },
          { id: "failed", type: "helper" },
        ],
        credentials,
      );
      const written = collector("written");
      const failed = collector("failed");
      const documents = Array.from({ length: 12 }, (_, i) => ({ body: { deviceId: `d${i % 3}`, seq: i } }));
      flowNode("put").receive({ payload: [...documents, { body: { seq: 99 } }], topic: "readings" });

      const results = (await written.next(12)) as Result[];
      assert.ok(results.every((msg) => typeof msg.payload["sequenceNumber"] === "string" && msg.topic === "readings"));
      const [failure] = (await failed.next(1)) as Result[];
      assert.equal(failure!.error!.code, "PARTITION_KEY_REQUIRED");
      assert.ok(proxy.signers.has(signer()), `signed by ${signer()}`);
      const byDevice = dataByKey(await env.records(stream));
      for (const [device, data] of byDevice) {
        const seqs = data.map((text) => (JSON.parse(text) as { seq: number }).seq);
        assert.deepEqual(
          seqs,
          [...seqs].sort((a, b) => a - b),
          `${device} in order`,
        );
      }
      assert.equal([...byDevice.values()].flat().length, 12);
    });
  }

  it("lists streams for the editor's picker and checks a stream in Test connection (designer endpoints)", async () => {
    const stream = await env.stream("picker");
    const { node, credentials } = connectionNode("conn", {
      authType: "accessKeys",
      ...KEYS,
      region: env.kinesis.region,
      kinesisEndpoint: proxy.url,
    });
    await startFlow([node], credentials);
    const dialog = {
      properties: { authType: "accessKeys", accessKeyId: KEYS.accessKeyId, region: env.kinesis.region, kinesisEndpoint: proxy.url },
      credentials: { secretAccessKey: KEYS.secretAccessKey },
    };
    const listed = await helper
      .request()
      .post("/amazon-sqs-connection/browse")
      .send({ ...dialog, resource: "streams", prefix: "picker" });
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(
      (listed.body as { streams: Array<{ name: string }> }).streams.map((s) => s.name),
      [stream],
    );
    const tested = await helper
      .request()
      .post("/amazon-sqs-connection/test")
      .send({ ...dialog, target: { streamName: stream } });
    assert.equal(tested.status, 200, tested.text);
    const report = tested.body as { ok: boolean; checks: Array<{ step: string; status: string }> };
    assert.deepEqual(
      report.checks.map((c) => `${c.step}:${c.status}`),
      ["credentials:passed", "kinesis:passed"],
    );
  });

  it("says what each operation node is doing in its status", () => {
    assert.deepEqual(["send", "receive", "delete", "putRecords"].map(activityVerb), ["sending", "receiving", "deleting", "putting"]);
  });
});
