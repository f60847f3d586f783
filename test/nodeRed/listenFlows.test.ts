import assert from "node:assert/strict";
import type { NodeMessage } from "node-red";
import type { ListenDocument } from "../../operations/listen/listenTypes.js";
import { useEmbeddedSqs } from "../support/embeddedSqs.js";
import { drainMessages, eventually, seed } from "../support/listening.js";
import { collector, connectionNode, flowNode, helper, startFlow, type FlowNode } from "../support/nodeRed/flowHelper.js";

type Delivered = NodeMessage & { payload: ListenDocument; error?: { code: string; message: string } };

/** The listen node with delete and changeVisibility nodes settling its messages (node-red-node-test-helper, embedded SQS). */
describe("Node-RED: the listen node (test helper, embedded SQS)", function () {
  this.timeout(30_000);
  const env = useEmbeddedSqs();
  afterEach(() => helper.unload());

  async function start(listen: Record<string, unknown>, extra: FlowNode[] = []) {
    const { node, credentials } = connectionNode("conn", env.connectionConfig());
    await startFlow(
      [
        node,
        { id: "listen", type: "amazon-sqs-listen", connection: "conn", waitTimeSeconds: 1, ...listen, wires: [["inFlow"], ["problems"]] },
        { id: "delete", type: "amazon-sqs-delete", connection: "conn", wires: [["deleted"], ["deleteErrors"]] },
        { id: "release", type: "amazon-sqs-changeVisibility", connection: "conn", visibilityTimeout: 0, wires: [["released"], []] },
        ...["inFlow", "problems", "deleted", "deleteErrors", "released"].map((id) => ({ id, type: "helper" })),
        ...extra,
      ],
      credentials,
    );
    const statuses: string[] = [];
    (flowNode("listen") as unknown as NodeJS.EventEmitter).on("call:status", (call: { args: [{ text?: string }] }) =>
      statuses.push(call.args[0].text ?? ""),
    );
    return {
      inFlow: collector("inFlow"),
      problems: collector("problems"),
      deleted: collector("deleted"),
      released: collector("released"),
      statuses,
    };
  }

  it("puts at most maxInFlight messages into the flow; each delete node acknowledgement lets the next one in", async () => {
    const queue = await env.queue("nr-listen");
    const flow = await start({ queueUrl: queue.url, maxInFlight: 3, visibilityTimeout: 2 });
    await seed(
      env,
      queue.url,
      Array.from({ length: 8 }, (_, i) => `m${i}`),
    );
    const first = (await flow.inFlow.next(3)) as Delivered[];
    await eventually(() => flow.statuses.includes("3/3 in flight"));
    // Longer than a visibility timeout: the heartbeat keeps the three hidden, and no fourth comes in.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    assert.equal(flow.inFlow.messages.length, 3);
    assert.deepEqual(await env.counts(queue.url), { visible: 5, inFlight: 3 });
    for (const msg of first) flowNode("delete").receive({ payload: msg.payload });
    // Each acknowledgement frees a slot: the rest come in one by one as they are deleted.
    for (let n = 4; n <= 8; n++) {
      const arrived = (await flow.inFlow.next(n)) as Delivered[];
      flowNode("delete").receive({ payload: arrived[n - 1]!.payload });
    }
    await flow.deleted.next(8);
    await eventually(() => flow.statuses.at(-1) === "listening");
    assert.equal(await env.depth(queue.url), 0);
    assert.equal(flow.problems.messages.length, 0);
  });

  it("releases a message through a changeVisibility node: it comes back into the flow", async () => {
    const queue = await env.queue("nr-release");
    const flow = await start({ queueUrl: queue.url, maxInFlight: 1, visibilityTimeout: 30 });
    await seed(env, queue.url, ["try me twice"]);
    const [first] = (await flow.inFlow.next(1)) as Delivered[];
    flowNode("release").receive({ payload: first!.payload });
    await flow.released.next(1);
    const [, again] = (await flow.inFlow.next(2)) as Delivered[];
    assert.equal(again!.payload.messageId, first!.payload.messageId);
    assert.equal(again!.payload.attributes["ApproximateReceiveCount"], "2");
  });

  it("releases a message the flow does not settle within ackTimeoutSeconds and reports it on the second output", async () => {
    const queue = await env.queue("nr-ack-timeout");
    const flow = await start({ queueUrl: queue.url, visibilityTimeout: 30, ackTimeoutSeconds: 1 });
    await seed(env, queue.url, ["dropped by the flow"]);
    const [problem] = (await flow.problems.next(1)) as Delivered[];
    assert.equal(problem!.error!.code, "HANDLER_FAILED");
    assert.match(problem!.error!.message, /within ackTimeoutSeconds \(1 s\)/);
    assert.equal(problem!.payload.body, "dropped by the flow");
    const [, again] = (await flow.inFlow.next(2)) as Delivered[];
    assert.equal(again!.payload.attributes["ApproximateReceiveCount"], "2");
  });

  it("keeps messages the flow works on longer than three visibility timeouts hidden: each comes in once, until the delete node acknowledges it", async () => {
    const queue = await env.queue("nr-slow");
    const ids = await seed(env, queue.url, ["slow 1", "slow 2"]);
    const flow = await start({ queueUrl: queue.url, maxInFlight: 5, visibilityTimeout: 2 });
    const held = (await flow.inFlow.next(2)) as Delivered[];
    await new Promise((resolve) => setTimeout(resolve, 6_500));
    assert.deepEqual(
      flow.inFlow.messages.map((msg) => (msg as Delivered).payload.messageId).sort(),
      [...ids].sort(),
      "no message came into the flow twice",
    );
    assert.deepEqual(await env.counts(queue.url), { visible: 0, inFlight: 2 });
    for (const msg of held) flowNode("delete").receive({ payload: msg.payload });
    await flow.deleted.next(2);
    assert.equal(await env.depth(queue.url), 0);
    assert.equal(flow.problems.messages.length, 0);
  });

  it("hands a FIFO group's messages to the flow one at a time: the next after the delete node acknowledged the last, a released one first again", async () => {
    const queue = await env.queue("nr-order.fifo");
    await seed(
      env,
      queue.url,
      ["g:0", "g:1", "g:2"].map((body) => ({ body, groupId: "g" })),
    );
    const flow = await start({ queueUrl: queue.url, maxInFlight: 10, visibilityTimeout: 30 });
    const bodies = () => flow.inFlow.messages.map((msg) => (msg as Delivered).payload.body);
    const [first] = (await flow.inFlow.next(1)) as Delivered[];
    flowNode("release").receive({ payload: first!.payload });
    await flow.released.next(1);
    for (let n = 2; n <= 4; n++) {
      const arrived = (await flow.inFlow.next(n)) as Delivered[];
      assert.equal(flow.inFlow.messages.length, n, "never two of the group in the flow at once");
      flowNode("delete").receive({ payload: arrived[n - 1]!.payload });
      await flow.deleted.next(n - 1);
    }
    assert.deepEqual(bodies(), ["g:0", "g:0", "g:1", "g:2"]);
    assert.equal(await env.depth(queue.url), 0);
  });

  it("moves a message the flow keeps failing to the dead-letter queue with body and attributes intact, reported on the second output", async () => {
    const queue = await env.queue("nr-poison");
    const deadLetter = await env.queue("nr-poison-dlq");
    const attributes = {
      unit: { DataType: "String", StringValue: "celsius" },
      raw: { DataType: "Binary", BinaryValue: Buffer.from([0, 1, 2]) },
    };
    const [id] = await seed(env, queue.url, [{ body: "never settled", attributes }]);
    // The flow drops the message: ackTimeoutSeconds releases it, and the second receive makes it poison.
    const flow = await start({
      queueUrl: queue.url,
      visibilityTimeout: 30,
      ackTimeoutSeconds: 1,
      maxReceives: 1,
      deadLetterQueueUrl: deadLetter.url,
    });
    const [dropped, poisoned] = (await flow.problems.next(2)) as Delivered[];
    assert.deepEqual([dropped!.error!.code, poisoned!.error!.code], ["HANDLER_FAILED", "MESSAGE_POISONED"]);
    assert.equal(flow.inFlow.messages.length, 1, "a poison message is not handed to the flow again");
    await eventually(async () => (await env.depth(queue.url)) === 0);
    const [moved] = await drainMessages(env, deadLetter.url);
    assert.equal(moved!.Body, "never settled");
    assert.deepEqual(moved!.MessageAttributes!["unit"], attributes.unit);
    assert.deepEqual([...(moved!.MessageAttributes!["raw"]!.BinaryValue ?? [])], [0, 1, 2]);
    assert.equal(moved!.MessageAttributes!["DeadLetterSourceMessageId"]!.StringValue, id);
  });

  it("releases the messages in the flow on redeploy instead of leaving them hidden", async () => {
    const queue = await env.queue("nr-redeploy");
    const flow = await start({ queueUrl: queue.url, maxInFlight: 4, visibilityTimeout: 30 });
    await seed(
      env,
      queue.url,
      Array.from({ length: 6 }, (_, i) => `m${i}`),
    );
    await flow.inFlow.next(4);
    await helper.unload();
    await eventually(async () => (await env.counts(queue.url)).inFlight === 0);
    assert.deepEqual(await env.counts(queue.url), { visible: 6, inFlight: 0 });
  });
});
