import assert from "node:assert/strict";
import { EMBEDDED_CREDENTIALS } from "../../host/embeddedSqs.js";
import { useEmbeddedSqs } from "../support/embeddedSqs.js";
import { eventually, receiveSome, seed } from "../support/listening.js";
import { startNodeRed, type RunningNodeRed } from "../support/nodeRed/nodeRedProcess.js";

/** The listen node in a real Node-RED process: a redeploy releases what it holds; SIGKILL loses nothing. */
describe("Node-RED: the listen node in a real Node-RED process (embedded SQS)", function () {
  this.timeout(120_000);
  const env = useEmbeddedSqs();
  let nodeRed: RunningNodeRed | undefined;
  after(async () => {
    await nodeRed?.stop();
  });

  const deploy = async (flows: unknown[]) => {
    const response = await fetch(new URL("flows", nodeRed!.url), {
      method: "POST",
      headers: { "content-type": "application/json", "Node-RED-Deployment-Type": "full" },
      body: JSON.stringify(flows),
    });
    assert.equal(response.status, 204, await response.text());
  };
  const flowsWith = (nodes: unknown[]) => [
    { id: "tab1", type: "tab", label: "SQS" },
    {
      id: "conn1",
      type: "amazon-sqs-connection",
      authType: "accessKeys",
      accessKeyId: EMBEDDED_CREDENTIALS.accessKeyId,
      region: env.sqs.region,
      endpoint: env.sqs.endpoint,
      credentials: { secretAccessKey: EMBEDDED_CREDENTIALS.secretAccessKey },
    },
    ...nodes,
  ];

  it("releases the messages a listen node holds when the flow is redeployed without it, and loses none when Node-RED is killed", async () => {
    nodeRed = await startNodeRed();
    const queue = await env.queue("nr-process");
    const ids = await seed(
      env,
      queue.url,
      Array.from({ length: 5 }, (_, i) => `m${i}`),
    );
    // No node settles the messages: the listen node holds maxInFlight of them, kept hidden by its heartbeat.
    const listen = {
      id: "listen1",
      type: "amazon-sqs-listen",
      z: "tab1",
      connection: "conn1",
      queueUrl: queue.url,
      maxInFlight: 3,
      visibilityTimeout: 2,
      waitTimeSeconds: 1,
      wires: [[], []],
    };
    await deploy(flowsWith([listen]));
    await eventually(async () => (await env.counts(queue.url)).inFlight === 3);
    await deploy(flowsWith([]));
    await eventually(async () => (await env.counts(queue.url)).inFlight === 0);
    assert.deepEqual(await env.counts(queue.url), { visible: 5, inFlight: 0 });

    await deploy(flowsWith([listen]));
    await eventually(async () => (await env.counts(queue.url)).inFlight === 3);
    await nodeRed.kill();
    nodeRed = undefined;
    // Nothing released them: they come back once their visibility runs out.
    const back = new Set<string>();
    await eventually(async () => {
      for (const message of await receiveSome(env, queue.url)) back.add(message.MessageId!);
      return back.size === 5;
    });
    assert.deepEqual([...back].sort(), [...ids].sort());
  });
});
