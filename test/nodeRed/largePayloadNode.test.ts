import assert from "node:assert/strict";
import type { NodeMessage } from "node-red";
import { packageRoot, readManifest, readSchemas } from "../../core/manifest.js";
import { settingsFrom } from "../../node-red/fields/propertyValues.js";
import { nodeTypes, withNodeRedSchemas } from "../../node-red/nodeTypes.js";
import { embeddedS3 } from "../support/embeddedS3.js";
import { collect, useEmbeddedSqs } from "../support/embeddedSqs.js";
import { collector, connectionNode, flowNode, startFlow, useFlowHelper, type FlowNode } from "../support/nodeRed/flowHelper.js";

type Result = NodeMessage & { payload: Record<string, unknown>; error?: { code: string } };

const MiB = 1024 * 1024;

describe("Node-RED: large payloads (forms and flows)", () => {
  const types = nodeTypes(withNodeRedSchemas({ manifest: readManifest(), schemas: readSchemas() }, packageRoot()));
  const fieldsOf = (id: string) => types.operations.find((t) => t.operation.id === id)!.config;

  it("draws largePayload as a section of its own fields, after the others, and puts them back into one object", () => {
    const send = fieldsOf("send");
    const section = send.fields.filter((f) => f.group === "largePayload");
    assert.deepEqual(
      section.map((f) => f.name),
      [
        "largePayload_bucket",
        "largePayload_keyPrefix",
        "largePayload_thresholdBytes",
        "largePayload_always",
        "largePayload_attributeName",
        "largePayload_expectedBucketOwner",
        "largePayload_maxPayloadBytes",
      ],
    );
    assert.deepEqual(send.fields.slice(-section.length), section, "the section comes last");
    assert.deepEqual(send.groups.at(-1), { id: "largePayload", title: "Large payloads (S3)" });
    assert.equal(
      section.find((f) => f.name === "largePayload_bucket")!.pattern !== undefined,
      true,
      "bucket names are checked in the form",
    );
    // Node-RED stores every field with its default: an untouched section sets nothing.
    const untouched = {
      queueName: "q",
      largePayload_always: false,
      largePayload_attributeName: "legacy",
      largePayload_maxPayloadBytes: 268435456,
    };
    assert.deepEqual(settingsFrom(send.fields, untouched), { queueName: "q" });
    const filled = { ...untouched, largePayload_bucket: " payloads ", largePayload_always: true, largePayload_thresholdBytes: "1000" };
    assert.deepEqual(settingsFrom(send.fields, filled), {
      queueName: "q",
      largePayload: { bucket: "payloads", always: true, thresholdBytes: 1000 },
    });
    const receive = fieldsOf("receive");
    assert.deepEqual(settingsFrom(receive.fields, { queueName: "q", largePayload_allowedBuckets: "a-bucket, b-bucket/in/" }), {
      queueName: "q",
      largePayload: { allowedBuckets: ["a-bucket", "b-bucket/in/"] },
    });
  });

  describe("flows (node-red-node-test-helper, embedded SQS and S3)", () => {
    const env = useEmbeddedSqs();
    const s3 = embeddedS3(env);
    useFlowHelper();

    it("sends a 50 MiB document through S3, receives it whole and deletes message and object", async () => {
      const queue = await env.queue("nr-large");
      const bucket = await s3.bucket();
      const { node, credentials } = connectionNode("conn", s3.connectionConfig());
      const helpers = ["sent", "sendErrors", "received", "receiveErrors", "deleted", "deleteErrors"].map((id): FlowNode => ({
        id,
        type: "helper",
      }));
      await startFlow(
        [
          node,
          {
            id: "send",
            type: "amazon-sqs-send",
            connection: "conn",
            queueName: queue.name,
            largePayload_bucket: bucket,
            largePayload_keyPrefix: "node-red/",
            wires: [["sent"], ["sendErrors"]],
          },
          {
            id: "receive",
            type: "amazon-sqs-receive",
            connection: "conn",
            queueName: queue.name,
            waitTimeSeconds: 0,
            largePayload_bucket: bucket,
            wires: [["delete", "received"], ["receiveErrors"]],
          },
          {
            id: "delete",
            type: "amazon-sqs-delete",
            connection: "conn",
            largePayload_bucket: bucket,
            wires: [["deleted"], ["deleteErrors"]],
          },
          ...helpers,
        ],
        credentials,
      );
      const sent = collector("sent");
      const received = collector("received");
      const deleted = collector("deleted");
      const errors = ["sendErrors", "receiveErrors", "deleteErrors"].map(collector);
      const body = "Rechnung ".repeat(Math.ceil((50 * MiB) / 9)).slice(0, 50 * MiB);

      flowNode("send").receive({ payload: { body } });
      const [sentMessage] = (await sent.next(1)) as Result[];
      const location = sentMessage!.payload["largePayload"] as { bucket: string; key: string; size: number };
      assert.equal(location.bucket, bucket);
      assert.match(location.key, /^node-red\//);
      assert.equal(location.size, 50 * MiB);

      flowNode("receive").receive({});
      const [message] = (await received.next(1)) as Result[];
      assert.equal((message!.payload["body"] as string).length, body.length);
      assert.ok(message!.payload["body"] === body);
      const [deletion] = (await deleted.next(1)) as Result[];
      assert.deepEqual(deletion!.payload["largePayload"], { bucket, key: location.key, removed: true });
      assert.equal(await env.depth(queue.url), 0);
      assert.deepEqual(await s3.keys(bucket), []);
      assert.deepEqual(
        errors.map((c) => c.messages.length),
        [0, 0, 0],
      );
    });

    it("a listen node hands the flow the payload, and a delete node acknowledging it removes the object after the message", async () => {
      const queue = await env.queue("nr-listen-large");
      const bucket = await s3.bucket();
      await collect(
        s3
          .connect()
          .operation("send", { queueUrl: queue.url, largePayload: { bucket, always: true } })
          .execute([{ body: "from S3" }]),
      );
      const { node, credentials } = connectionNode("conn", s3.connectionConfig());
      await startFlow(
        [
          node,
          {
            id: "listen",
            type: "amazon-sqs-listen",
            connection: "conn",
            queueUrl: queue.url,
            waitTimeSeconds: 1,
            largePayload_bucket: bucket,
            wires: [["delete", "inFlow"], ["problems"]],
          },
          {
            id: "delete",
            type: "amazon-sqs-delete",
            connection: "conn",
            largePayload_bucket: bucket,
            wires: [["deleted"], ["deleteErrors"]],
          },
          ...["inFlow", "problems", "deleted", "deleteErrors"].map((id): FlowNode => ({ id, type: "helper" })),
        ],
        credentials,
      );
      const inFlow = collector("inFlow");
      const deleted = collector("deleted");
      const [message] = (await inFlow.next(1)) as Result[];
      assert.equal(message!.payload["body"], "from S3");
      const [deletion] = (await deleted.next(1)) as Result[];
      assert.equal((deletion!.payload["largePayload"] as { removed: boolean }).removed, true);
      assert.deepEqual(await s3.keys(bucket), []);
    });
  });
});
