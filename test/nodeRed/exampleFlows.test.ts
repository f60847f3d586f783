import { CreateQueueCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { packageRoot } from "../../core/manifest.js";
import { EMBEDDED_CREDENTIALS } from "../../host/embeddedSqs.js";
import { dataByKey, useEmbeddedKinesis } from "../support/embeddedKinesis.js";
import { useEmbeddedSqs } from "../support/embeddedSqs.js";
import { mqttClient, startMqttBroker, type MqttBroker } from "../support/mqttBroker.js";
import { deploy, exampleNames, importedWithEndpoints, loadExample } from "../support/nodeRed/exampleFlows.js";
import { startNodeRed, type RunningNodeRed } from "../support/nodeRed/nodeRedProcess.js";

const SHIPPED_QUEUE_URL = "https://sqs.eu-central-1.amazonaws.com/123456789012/sensor-readings.fifo";
const EXAMPLES = ["01 Sensor stream to a FIFO queue", "02 IoT rule to a cross-account queue", "03 Sensor stream to Kinesis"];

/** Waits for a condition the flow brings about; the suite's timeout bounds it. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const EXAMPLE_REGION = "eu-central-1";

const reading = (deviceId: string, seq: number) => ({ deviceId, recordKey: `${deviceId}:${seq}`, seq, temperatureC: 20 + seq / 10 });

describe("the example flows, imported from Import > Examples and run in a real Node-RED (aedes broker, embedded SQS and Kinesis)", function () {
  this.timeout(Number(process.env["NR_TIMEOUT"] ?? 120_000));
  const sqs = useEmbeddedSqs();
  const kinesis = useEmbeddedKinesis();
  let broker: MqttBroker;
  let nodeRed: RunningNodeRed;
  let admin: SQSClient;

  before(async () => {
    broker = await startMqttBroker();
    // The examples' connections use the default credential chain: here, the environment of Node-RED's process.
    nodeRed = await startNodeRed({
      env: { AWS_ACCESS_KEY_ID: EMBEDDED_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: EMBEDDED_CREDENTIALS.secretAccessKey },
    });
    // The examples' region: the emulator keeps queues per region.
    admin = new SQSClient({ region: EXAMPLE_REGION, endpoint: sqs.sqs.endpoint, credentials: { ...EMBEDDED_CREDENTIALS } });
  });
  after(async () => {
    if (process.env["DEBUG_NR"]) console.log(nodeRed?.output());
    admin?.destroy();
    await nodeRed?.stop();
    await broker?.close();
  });

  /** Imports and deploys an example, and waits until its MQTT input has subscribed. */
  const run = async (name: string, topicFilter: string, queueUrls: Record<string, string> = {}) => {
    const subscribed = broker.nextSubscription(topicFilter);
    const nodes = await loadExample(nodeRed, name);
    const flows = importedWithEndpoints(nodes, "example", {
      mqttPort: broker.port,
      sqsEndpoint: sqs.sqs.endpoint,
      kinesisEndpoint: kinesis.kinesis.endpoint,
      queueUrls,
    });
    await deploy(nodeRed, flows);
    await subscribed;
  };
  const createQueue = async (name: string, attributes: Record<string, string> = {}) =>
    (await admin.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl!;
  /** Receives and deletes what is on a queue (deleting unlocks a FIFO group's next message). */
  const drain = async (queueUrl: string) => {
    const messages =
      (await admin.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }))).Messages ?? [];
    for (const message of messages)
      await admin.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    return messages;
  };

  it("lists the three example flows under the package in Import > Examples, and the package ships them", async () => {
    assert.deepEqual((await exampleNames(nodeRed)).sort(), EXAMPLES);
    const packed = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: packageRoot(), encoding: "utf8" });
    const files = (JSON.parse(packed.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
    for (const name of EXAMPLES) assert.ok(files.includes(`examples/${name}.json`), `${name} is in the package`);
  });

  it("01: readings over MQTT and HTTP reach the FIFO queue grouped by device and deduplicated by record key; refused ones take the error path", async () => {
    const queue = await createQueue("sensor-readings.fifo", { FifoQueue: "true" });
    await run(EXAMPLES[0]!, "sensors/+/readings", { [SHIPPED_QUEUE_URL]: queue });
    const client = await mqttClient(broker, ["sensors/errors"]);
    try {
      for (let seq = 1; seq <= 5; seq++) {
        for (const device of ["boiler", "cold-store"])
          await client.publish(`sensors/${device}/readings`, JSON.stringify(reading(device, seq)));
      }
      // A gateway repeating a reading, and one without a device id (no message group).
      await client.publish("sensors/boiler/readings", JSON.stringify(reading("boiler", 5)));
      await client.publish("sensors/unknown/readings", JSON.stringify({ recordKey: "x:1", seq: 1 }));
      const [failure] = await client.next("sensors/errors", 1);
      assert.equal((JSON.parse(failure!) as { code: string }).code, "MESSAGE_GROUP_ID_REQUIRED");

      const posted = await fetch(new URL("sensor-readings", nodeRed.url), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(reading("cold-store", 6)),
      });
      assert.equal(posted.status, 200, await posted.clone().text());
      assert.equal(typeof ((await posted.json()) as { messageId: string }).messageId, "string");
      const refused = await fetch(new URL("sensor-readings", nodeRed.url), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      assert.equal(refused.status, 422);

      const bodies: Array<{ deviceId: string; seq: number }> = [];
      await eventually(
        async () => {
          for (const message of await drain(queue)) bodies.push(JSON.parse(message.Body!) as { deviceId: string; seq: number });
          return bodies.length;
        },
        (count) => count >= 11,
      );
      assert.equal(bodies.length, 11, "10 readings over MQTT (the repeat dropped) and 1 over HTTP");
      for (const device of ["boiler", "cold-store"]) {
        const seqs = bodies.filter((b) => b.deviceId === device).map((b) => b.seq);
        assert.deepEqual(seqs, device === "boiler" ? [1, 2, 3, 4, 5] : [1, 2, 3, 4, 5, 6], `${device} in order, each record once`);
      }
    } finally {
      await client.close();
    }
  });

  it("02: data/private goes base64 to the cross-account queue, failures go to error/rules, and the consumer decodes, processes and deletes", async () => {
    const queue = await createQueue("iot-data-private");
    await run(EXAMPLES[1]!, "data/private");
    const client = await mqttClient(broker, ["error/rules", "data/private/processed"]);
    try {
      const payloads = [
        JSON.stringify({ device: "meter-7", kWh: 12.5 }),
        "plain text reading",
        JSON.stringify({ device: "meter-8", kWh: 3 }),
      ];
      for (const payload of payloads) await client.publish("data/private", payload);
      await client.publish("data/private", "");
      const [ruleError] = await client.next("error/rules", 1);
      const error = JSON.parse(ruleError!) as { ruleName: string; topic: string; code: string; message: string; failures: unknown[] };
      assert.deepEqual([error.ruleName, error.topic, error.code], ["data_private_to_sqs", "data/private", "MESSAGE_BODY_EMPTY"]);
      assert.match(error.message, /empty/);
      assert.equal(error.failures.length, 1);

      const processed = await client.next("data/private/processed", 3);
      assert.deepEqual([...processed].sort(), [...payloads].sort(), "the consumer got back every payload as published");
      await eventually(
        async () => {
          const out = await admin.send(
            new GetQueueAttributesCommand({
              QueueUrl: queue,
              AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
            }),
          );
          return Number(out.Attributes?.ApproximateNumberOfMessages) + Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible);
        },
        (depth) => depth === 0,
      );
    } finally {
      await client.close();
    }
  });

  it("03: readings over MQTT become Kinesis records with the device as partition key, each device in order; refused ones take the error path", async () => {
    const stream = "sensor-readings";
    await kinesis.kinesis.createStream({ name: stream, shardCount: 2 });
    await run(EXAMPLES[2]!, "sensors/+/readings");

    const client = await mqttClient(broker, ["sensors/kinesis-errors"]);
    try {
      const devices = ["meter-1", "meter-2", "meter-3", "meter-4"];
      for (let seq = 1; seq <= 8; seq++)
        for (const device of devices) await client.publish(`sensors/${device}/readings`, JSON.stringify(reading(device, seq)));
      await client.publish("sensors/anonymous/readings", JSON.stringify({ seq: 1 }));
      const [failure] = await client.next("sensors/kinesis-errors", 1);
      assert.equal((JSON.parse(failure!) as { code: string }).code, "PARTITION_KEY_REQUIRED");
      const records = await eventually(
        () => kinesis.records(stream),
        (all) => all.length >= 32,
      );
      assert.equal(records.length, 32);
      const byDevice = dataByKey(records);
      assert.deepEqual([...byDevice.keys()].sort(), devices);
      for (const [device, data] of byDevice) {
        assert.deepEqual(
          data.map((text) => (JSON.parse(text) as { seq: number }).seq),
          [1, 2, 3, 4, 5, 6, 7, 8],
          `${device} in order`,
        );
      }
    } finally {
      await client.close();
    }
  });
});
