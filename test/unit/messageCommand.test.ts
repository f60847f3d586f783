import assert from "node:assert/strict";
import type { HandlerContext, ListenDocument } from "../../connector/index.js";
import { messageCommand } from "../../host/listen/messageCommand.js";

describe("listen -- COMMAND: one process per message", () => {
  const context: HandlerContext = { signal: new AbortController().signal, deliveryId: "d1", receiveCount: 1 };
  const documentWith = (attributeBytes: number) =>
    ({
      messageId: "m1",
      queueUrl: "http://127.0.0.1:1/000000000000/q",
      body: "hello",
      attributes: {},
      messageAttributes: { big: { dataType: "String", stringValue: "x".repeat(attributeBytes) } },
    }) as unknown as ListenDocument;

  it("fails a message whose attributes exceed what one environment variable takes, saying to use --worker", async () => {
    // Linux's cap on one variable is 128 KiB; SQS allows attributes up to 256 KiB.
    const handler = messageCommand(process.execPath, ["-e", ""], () => assert.fail("the command itself is usable"));
    await assert.rejects(
      Promise.resolve(handler(documentWith(200 * 1024), context)),
      /SQS_MESSAGE_ATTRIBUTES, \d+ bytes\) are more than the system takes .*use --worker/,
    );
  });

  it("runs the command with the message's attributes in SQS_MESSAGE_ATTRIBUTES", async () => {
    const check = "process.exit(JSON.parse(process.env.SQS_MESSAGE_ATTRIBUTES).big.stringValue.length === 1000 ? 0 : 1)";
    const handler = messageCommand(process.execPath, ["-e", check], () => assert.fail("the command itself is usable"));
    await handler(documentWith(1000), context);
  });
});
