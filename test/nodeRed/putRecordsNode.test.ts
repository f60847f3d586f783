import assert from "node:assert/strict";
import type { NodeMessage } from "node-red";
import { activityVerb } from "../../node-red/runtime/activityStatus.js";
import { dataByKey } from "../support/embeddedKinesis.js";
import { useSignedKinesis, withEnvironment } from "../support/kinesisAuthCases.js";
import { collector, connectionNode, flowNode, helper, startFlow, useFlowHelper } from "../support/nodeRed/flowHelper.js";

type Result = NodeMessage & { payload: Record<string, unknown>; error?: { code: string } };

describe("the putRecords node (from the manifest, node-red-node-test-helper) with every auth type", () => {
  const signed = useSignedKinesis();
  const env = signed.kinesis;
  useFlowHelper();

  for (const auth of signed.cases) {
    it(`puts each document as a record, signed with ${auth.name}; a refused document leaves on the error output`, async () => {
      const stream = await env.stream("node-red");
      const { node, credentials } = connectionNode("conn", {
        ...auth.settings(),
        region: env.kinesis.region,
        kinesisEndpoint: signed.endpoint,
      });
      await withEnvironment(auth.env, async () => {
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
      });
      assert.ok(signed.proxy.signers.has(auth.signer()), `signed by ${auth.signer()}`);
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
    const keys = signed.cases[0]!.settings();
    const { node, credentials } = connectionNode("conn", { ...keys, region: env.kinesis.region, kinesisEndpoint: signed.endpoint });
    await startFlow([node], credentials);
    const dialog = {
      properties: {
        authType: "accessKeys",
        accessKeyId: keys["accessKeyId"],
        region: env.kinesis.region,
        kinesisEndpoint: signed.endpoint,
      },
      credentials: { secretAccessKey: keys["secretAccessKey"] },
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
