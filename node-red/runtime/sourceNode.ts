import type { Node, NodeAPI, NodeDef } from "node-red";
import { settingsFrom } from "../fields/propertyValues.js";
import type { ConnectionNodeType, OperationNodeType } from "../nodeTypes.js";
import { ActivityStatus, activityVerb } from "./activityStatus.js";
import { BorrowedConnection } from "./borrowedConnection.js";
import { SourceRuns } from "./sourceRuns.js";

/**
 * A flow node for an operation that produces documents (receive): every
 * result is a message, successes on the first output and error results on the
 * second; an input message starts a run, and a poll interval makes the node a
 * source of its own.
 */
export function registerSourceNode(RED: NodeAPI, connectionType: ConnectionNodeType, nodeType: OperationNodeType): void {
  function AmazonSqsSourceNode(this: Node, definition: NodeDef & Record<string, unknown>): void {
    RED.nodes.createNode(this, definition);
    const connection = new BorrowedConnection(RED, connectionType, this, definition);
    const config = settingsFrom(nodeType.config.fields, definition);
    const { pollIntervalSeconds } = settingsFrom(nodeType.host, definition);
    const status = new ActivityStatus(this, activityVerb(nodeType.operation.id));
    const runs = new SourceRuns(RED, this, () => connection.get().operation(nodeType.operation.id, config), status);
    this.on("input", (msg, send, done) => runs.trigger(msg, send, done));
    this.on("close", (_removed: boolean, done: () => void) => {
      runs.close();
      status.stop();
      connection.release();
      done();
    });
    if (!connection.configured) status.failed(new Error("no connection configured"));
    else runs.poll(typeof pollIntervalSeconds === "number" ? pollIntervalSeconds : 0);
  }
  RED.nodes.registerType(nodeType.type, AmazonSqsSourceNode);
}
