import assert from "node:assert/strict";
import type { NodeMessage } from "node-red";
import { useEmbeddedSqs } from "../support/embeddedSqs.js";
import { collector, connectionNode, flowNode, startFlow, useFlowHelper, type FlowNode } from "../support/nodeRed/flowHelper.js";

type Result = NodeMessage & { payload: Record<string, unknown>; error?: { code: string; message: string; retryable: boolean } };

describe("Node-RED flows with the Amazon SQS nodes (node-red-node-test-helper, embedded SQS)", () => {
  const env = useEmbeddedSqs();
  useFlowHelper();

  const flowWith = (nodes: FlowNode[]) => {
    const { node, credentials } = connectionNode("conn", env.connectionConfig());
    return { flow: [node, ...nodes], credentials };
  };
  const helperNodes = (...ids: string[]): FlowNode[] => ids.map((id) => ({ id, type: "helper" }));

  it("inject -> send -> receive -> delete: every message is sent, received by the polling receive node, deleted, and the queue is empty", async () => {
    const queue = await env.queue("nr-roundtrip");
    const documents = [{ body: { reading: 21.5 } }, { body: { reading: 22 } }, { body: ["a", "list"] }];
    const { flow, credentials } = flowWith([
      {
        id: "injector",
        type: "inject",
        once: true,
        onceDelay: 0.1,
        repeat: "",
        topic: "readings",
        payload: JSON.stringify(documents),
        payloadType: "json",
        props: [{ p: "payload" }, { p: "topic", vt: "str" }],
        wires: [["send"]],
      },
      { id: "send", type: "amazon-sqs-send", connection: "conn", queueName: queue.name, wires: [["sent"], ["sendErrors"]] },
      {
        id: "receive",
        type: "amazon-sqs-receive",
        connection: "conn",
        queueName: queue.name,
        waitTimeSeconds: 1,
        bodyEncoding: "json",
        pollIntervalSeconds: 0.2,
        wires: [["delete", "received"], ["receiveErrors"]],
      },
      { id: "delete", type: "amazon-sqs-delete", connection: "conn", wires: [["deleted"], ["deleteErrors"]] },
      ...helperNodes("sent", "sendErrors", "received", "receiveErrors", "deleted", "deleteErrors"),
    ]);
    await startFlow(flow, credentials);
    const sent = collector("sent");
    const received = collector("received");
    const deleted = collector("deleted");
    const errors = ["sendErrors", "receiveErrors", "deleteErrors"].map(collector);

    const sentMessages = (await sent.next(3)) as Result[];
    assert.ok(sentMessages.every((msg) => typeof msg.payload["messageId"] === "string"));
    assert.ok(
      sentMessages.every((msg) => msg.topic === "readings"),
      "the triggering message's properties travel with each result",
    );
    const bodies = ((await received.next(3)) as Result[]).map((msg) => msg.payload["body"]);
    assert.deepEqual(new Set(bodies.map((b) => JSON.stringify(b))), new Set(documents.map((d) => JSON.stringify(d.body))));
    const deletions = (await deleted.next(3)) as Result[];
    assert.ok(deletions.every((msg) => msg.payload["deleted"] === true));
    assert.equal(await env.depth(queue.url), 0);
    assert.deepEqual(
      errors.map((c) => c.messages.length),
      [0, 0, 0],
    );
  });

  it("keeps each FIFO message group's order from one injected array to the receive output", async () => {
    const queue = await env.queue("nr-order.fifo", { ContentBasedDeduplication: "true" });
    const documents = Array.from({ length: 24 }, (_, i) => ({ body: { device: `d${i % 3}`, seq: Math.floor(i / 3) } }));
    const { flow, credentials } = flowWith([
      {
        id: "send",
        type: "amazon-sqs-send",
        connection: "conn",
        queueName: queue.name,
        messageGroupIdPointer: "/device",
        wires: [["sent"], ["sendErrors"]],
      },
      {
        id: "receive",
        type: "amazon-sqs-receive",
        connection: "conn",
        queueName: queue.name,
        maxMessages: 24,
        waitTimeSeconds: 1,
        bodyEncoding: "json",
        deleteAfterReceive: true,
        wires: [["received"], []],
      },
      ...helperNodes("sent", "sendErrors", "received"),
    ]);
    await startFlow(flow, credentials);
    const sent = collector("sent");
    const received = collector("received");
    flowNode("send").receive({ payload: documents });
    await sent.next(24);

    const sequences = new Map<string, number[]>();
    while (received.messages.length < 24) {
      const before = received.messages.length;
      flowNode("receive").receive({});
      await received.next(before + 1);
    }
    for (const msg of received.messages as Result[]) {
      const body = msg.payload["body"] as { device: string; seq: number };
      sequences.set(body.device, [...(sequences.get(body.device) ?? []), body.seq]);
    }
    for (const [device, seqs] of sequences)
      assert.deepEqual(
        seqs,
        [...seqs].sort((a, b) => a - b),
        `group ${device} out of order`,
      );
    assert.equal([...sequences.values()].flat().length, 24);
  });

  it("routes a bad document to the error output with its code while its neighbours are sent", async () => {
    const queue = await env.queue("nr-errors");
    const { flow, credentials } = flowWith([
      { id: "send", type: "amazon-sqs-send", connection: "conn", queueName: queue.name, wires: [["sent"], ["failed"]] },
      { id: "catcher", type: "catch", scope: null, uncaught: false, wires: [["caught"]] },
      ...helperNodes("sent", "failed", "caught"),
    ]);
    await startFlow(flow, credentials);
    const sent = collector("sent");
    const failed = collector("failed");
    const caught = collector("caught");
    flowNode("send").receive({ payload: [{ body: "good 1" }, { body: "" }, { body: "good 2" }] });

    const [failure] = (await failed.next(1)) as Result[];
    assert.deepEqual(failure!.payload, { body: "" }, "the failed input document comes back as the payload");
    assert.equal(failure!.error!.code, "MESSAGE_BODY_EMPTY");
    assert.equal(failure!.error!.retryable, false);
    assert.equal((await sent.next(2)).length, 2);
    assert.equal(await env.depth(queue.url), 2);
    assert.equal(caught.messages.length, 0, "a document error is not an operation failure");
  });

  it("gives a body nested 5,000 levels deep its BODY_TOO_DEEP on the error output, and the node goes on sending", async () => {
    const queue = await env.queue("nr-deep");
    const { flow, credentials } = flowWith([
      { id: "send", type: "amazon-sqs-send", connection: "conn", queueName: queue.name, wires: [["sent"], ["failed"]] },
      ...helperNodes("sent", "failed"),
    ]);
    await startFlow(flow, credentials);
    const sent = collector("sent");
    const failed = collector("failed");
    let deep: unknown = "bottom";
    for (let level = 0; level < 5_000; level++) deep = [deep];
    flowNode("send").receive({ payload: [{ body: "before" }, { body: deep }, { body: "beside" }] });
    const [failure] = (await failed.next(1)) as Result[];
    assert.equal(failure!.error!.code, "BODY_TOO_DEEP");
    assert.equal((await sent.next(2)).length, 2);
    // A later message is still sent: the node is not wedged.
    flowNode("send").receive({ payload: { body: "later" } });
    assert.equal((await sent.next(3)).length, 3);
    assert.equal(await env.depth(queue.url), 3);
  });

  it("hands an operation failure (queue missing) to Catch nodes and shows its code in the status", async () => {
    const { flow, credentials } = flowWith([
      { id: "send", type: "amazon-sqs-send", connection: "conn", queueName: "no-such-queue", wires: [["sent"], ["failed"]] },
      { id: "catcher", type: "catch", scope: null, uncaught: false, wires: [["caught"]] },
      ...helperNodes("sent", "failed", "caught"),
    ]);
    await startFlow(flow, credentials);
    const statuses: Array<{ fill?: string; text?: string }> = [];
    (flowNode("send") as unknown as NodeJS.EventEmitter).on("call:status", (call: { args: [{ fill?: string; text?: string }] }) =>
      statuses.push(call.args[0]),
    );
    const caught = collector("caught");
    flowNode("send").receive({ payload: { body: "lost?" }, topic: "t1" });

    const [msg] = (await caught.next(1)) as Array<NodeMessage & { error: { message: string } }>;
    assert.equal(msg!.topic, "t1", "the failed message reaches the Catch node");
    assert.match(msg!.error.message, /no-such-queue/);
    const last = statuses.at(-1);
    assert.equal(last?.fill, "red");
    assert.match(last?.text ?? "", /^QUEUE_NOT_FOUND/);
  });

  it("receive leaves messages on the queue for a delete node unless deleteAfterReceive is on", async () => {
    const keep = await env.queue("nr-keep");
    const drop = await env.queue("nr-drop");
    const { flow, credentials } = flowWith([
      { id: "send", type: "amazon-sqs-send", connection: "conn", queueUrl: keep.url, wires: [["sent"], []] },
      { id: "sendDrop", type: "amazon-sqs-send", connection: "conn", queueUrl: drop.url, wires: [["sentDrop"], []] },
      { id: "keep", type: "amazon-sqs-receive", connection: "conn", queueUrl: keep.url, waitTimeSeconds: 1, wires: [["kept"], []] },
      {
        id: "drop",
        type: "amazon-sqs-receive",
        connection: "conn",
        queueUrl: drop.url,
        waitTimeSeconds: 1,
        deleteAfterReceive: true,
        wires: [["dropped"], []],
      },
      ...helperNodes("sent", "sentDrop", "kept", "dropped"),
    ]);
    await startFlow(flow, credentials);
    const sent = collector("sent");
    const sentDrop = collector("sentDrop");
    flowNode("send").receive({ payload: [{ body: "a" }, { body: "b" }] });
    flowNode("sendDrop").receive({ payload: [{ body: "a" }, { body: "b" }] });
    await Promise.all([sent.next(2), sentDrop.next(2)]);
    const kept = collector("kept");
    const dropped = collector("dropped");
    flowNode("keep").receive({});
    flowNode("drop").receive({});
    await Promise.all([kept.next(2), dropped.next(2)]);

    assert.equal(await env.depth(keep.url), 2, "received but not deleted: still on the queue (in flight)");
    assert.equal(await env.depth(drop.url), 0);
  });

  it("fails every message with a clear error when no connection is configured", async () => {
    await startFlow([
      { id: "send", type: "amazon-sqs-send", connection: "", queueName: "q", wires: [[], []] },
      { id: "catcher", type: "catch", scope: null, uncaught: false, wires: [["caught"]] },
      { id: "caught", type: "helper" },
    ]);
    const caught = collector("caught");
    flowNode("send").receive({ payload: { body: "x" } });
    const [msg] = (await caught.next(1)) as Array<NodeMessage & { error: { message: string } }>;
    assert.match(msg!.error.message, /No Amazon SQS connection is configured/);
  });
});
