import type { Node, NodeAPI, NodeDef } from "node-red";
import { settingsFrom } from "../fields/propertyValues.js";
import type { ConnectionNodeType, OperationNodeType } from "../nodeTypes.js";
import { ActivityStatus, activityVerb } from "./activityStatus.js";
import { BorrowedConnection } from "./borrowedConnection.js";
import { SinkStream } from "./sinkStream.js";

/**
 * A flow node for an operation that takes documents (send, delete):
 * `msg.payload` is one document or an array of them; results leave on the
 * first output, error results on the second, and a failure of the whole
 * operation goes to `done(err)`.
 */
export function registerSinkNode(RED: NodeAPI, connectionType: ConnectionNodeType, nodeType: OperationNodeType): void {
  function AmazonSqsSinkNode(this: Node, definition: NodeDef & Record<string, unknown>): void {
    RED.nodes.createNode(this, definition);
    const connection = new BorrowedConnection(RED, connectionType, this, definition);
    const config = settingsFrom(nodeType.config.fields, definition);
    const status = new ActivityStatus(this, activityVerb(nodeType.operation.id));
    if (!connection.configured) status.failed(new Error("no connection configured"));
    const stream = new SinkStream(RED, () => connection.get().operation(nodeType.operation.id, config), status);
    this.on("input", (msg, send, done) => stream.accept(msg, send, done));
    this.on("close", (_removed: boolean, done: () => void) => {
      void stream.end().then(() => {
        status.stop();
        connection.release();
        done();
      });
    });
  }
  RED.nodes.registerType(nodeType.type, AmazonSqsSinkNode);
}
