import assert from "node:assert/strict";
import type { Connection } from "../../connector/connection.js";
import { packageRoot } from "../../core/manifest.js";
import { schemaRegistry } from "../../core/schemaRegistry.js";
import { settingsFrom } from "../../node-red/fields/propertyValues.js";
import { nodeTypes, withNodeRedSchemas } from "../../node-red/nodeTypes.js";
import { ConnectionOwner } from "../../node-red/runtime/connectionOwner.js";
import { DocumentFeed } from "../../node-red/runtime/documentFeed.js";

const types = nodeTypes(withNodeRedSchemas(schemaRegistry(), packageRoot()));
const connectionFields = types.connection.form.fields;
const receiveFields = types.operations.find((t) => t.operation.id === "receive")!.config.fields;

describe("Node-RED runtime parts", () => {
  describe("stored node properties to connector settings", () => {
    it("converts form text to the schema's types and leaves empty fields to the schema defaults", () => {
      const settings = settingsFrom(receiveFields, {
        queueName: " orders ",
        maxMessages: "25",
        waitTimeSeconds: 3,
        visibilityTimeout: "",
        deleteAfterReceive: true,
        attributeNames: ["SentTimestamp"],
        messageAttributeNames: "sensor.*, trace",
      });
      assert.deepEqual(settings, {
        queueName: "orders",
        maxMessages: 25,
        waitTimeSeconds: 3,
        deleteAfterReceive: true,
        attributeNames: ["SentTimestamp"],
        messageAttributeNames: ["sensor.*", "trace"],
      });
    });

    it("drops fields the auth type hides, takes secrets from the credentials exactly as typed", () => {
      const settings = settingsFrom(
        connectionFields,
        {
          authType: "accessKeys",
          accessKeyId: "AKIAIOSFODNN7EXAMPLE",
          trustAnchorArn: "arn:left:over",
          region: "eu-west-1",
          rolesAnywhereRegion: "eu-central-1",
        },
        { secretAccessKey: " secret with spaces ", privateKey: "-----BEGIN PRIVATE KEY-----" },
      );
      assert.deepEqual(settings, {
        authType: "accessKeys",
        accessKeyId: "AKIAIOSFODNN7EXAMPLE",
        secretAccessKey: " secret with spaces ",
        region: "eu-west-1",
      });
    });

    it("takes a number field's words (concurrency: auto) as they are, and numbers as numbers", () => {
      assert.deepEqual(receiveFields.find((f) => f.name === "concurrency")?.words, ["auto"]);
      assert.deepEqual(settingsFrom(receiveFields, { queueName: "q", concurrency: " auto " }), { queueName: "q", concurrency: "auto" });
      assert.deepEqual(settingsFrom(receiveFields, { queueName: "q", concurrency: "12" }), { queueName: "q", concurrency: 12 });
    });

    it("passes a value that is not a number on unchanged, so validation names the field", () => {
      assert.deepEqual(settingsFrom(receiveFields, { queueName: "q", maxMessages: "ten" }), { queueName: "q", maxMessages: "ten" });
    });
  });

  describe("the config node's connection owner", () => {
    const fakeConnection = () => {
      const state = { opened: 0, closed: 0 };
      const open = () => {
        state.opened += 1;
        return { close: () => (state.closed += 1) } as unknown as Connection;
      };
      return { state, owner: new ConnectionOwner(open) };
    };

    it("opens the connection on first use only, and shares it", () => {
      const { state, owner } = fakeConnection();
      owner.register({});
      assert.equal(state.opened, 0);
      assert.equal(owner.get(), owner.get());
      assert.equal(state.opened, 1);
    });

    it("closes it once the config node closes and the last user has let go", async () => {
      const { state, owner } = fakeConnection();
      const send = {};
      const receive = {};
      owner.register(send);
      owner.register(receive);
      owner.get();
      let closed = false;
      const closing = owner.close().then(() => (closed = true));
      owner.deregister(receive);
      await Promise.resolve();
      assert.equal(closed, false, "the send node still finishes its batches");
      owner.deregister(send);
      await closing;
      assert.equal(state.closed, 1);
      assert.throws(() => owner.get(), /closed/);
    });

    it("closes at once when nobody uses it, and never opens a connection just to close it", async () => {
      const { state, owner } = fakeConnection();
      await owner.close();
      assert.deepEqual(state, { opened: 0, closed: 0 });
    });
  });

  it("a document feed yields what was pushed, including falsy documents, and ends when closed", async () => {
    const feed = new DocumentFeed<unknown>();
    const read = (async () => {
      const items: unknown[] = [];
      for await (const item of feed) items.push(item);
      return items;
    })();
    feed.push({ body: "a" });
    feed.push(undefined);
    await Promise.resolve();
    feed.push(0);
    feed.close();
    assert.deepEqual(await read, [{ body: "a" }, undefined, 0]);
  });
});
