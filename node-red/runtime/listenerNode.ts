import type { Node, NodeAPI, NodeDef } from "node-red";
import { settingsFrom } from "../fields/propertyValues.js";
import type { ConnectionNodeType, OperationNodeType } from "../nodeTypes.js";
import { ActivityStatus } from "./activityStatus.js";
import { BorrowedConnection } from "./borrowedConnection.js";
import { FlowListener } from "./flowListener.js";

/**
 * A flow node for a listener operation (listen): no input; from deploy on, one
 * message per SQS message on the first output (`payload` the document receive
 * produces), at most maxInFlight of them in the flow. A delete node acknowledges
 * a message, a changeVisibility node releases it; settlement problems the
 * listener reports itself (failures, poison, visibility limit, messages the flow
 * did not settle within ackTimeoutSeconds) leave on the second output. The status
 * shows how many messages are in flight. A redeploy or shutdown releases them.
 */
export function registerListenerNode(RED: NodeAPI, connectionType: ConnectionNodeType, nodeType: OperationNodeType): void {
  function AmazonSqsListenerNode(this: Node, definition: NodeDef & Record<string, unknown>): void {
    RED.nodes.createNode(this, definition);
    const connection = new BorrowedConnection(RED, connectionType, this, definition);
    const status = new ActivityStatus(this, "listening");
    if (!connection.configured) {
      status.failed(new Error("no connection configured"));
      this.on("close", (_removed: boolean, done: () => void) => done());
      return;
    }
    const config = settingsFrom(nodeType.config.fields, definition);
    const host = settingsFrom(nodeType.host, definition);
    // Empty fields take the schemas' defaults.
    const defaultOf = (fields: typeof nodeType.host, name: string): number => Number(fields.find((f) => f.name === name)?.default);
    const listener = new FlowListener(RED, this, status, {
      connection: () => connection.get(),
      config,
      maxInFlight: Number(config["maxInFlight"] ?? defaultOf(nodeType.config.fields, "maxInFlight")),
      ackTimeoutSeconds: Number(host["ackTimeoutSeconds"] ?? defaultOf(nodeType.host, "ackTimeoutSeconds")),
    });
    listener.start();
    this.on("close", (_removed: boolean, done: () => void) => {
      // Done once the flow's messages are released; the connection is kept until a poll in flight has returned and its messages are released too.
      void listener
        .close(() => connection.release())
        .then(() => {
          status.stop();
          done();
        });
    });
  }
  RED.nodes.registerType(nodeType.type, AmazonSqsListenerNode);
}
