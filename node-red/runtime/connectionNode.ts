import type { Node, NodeAPI, NodeDef } from "node-red";
import { connect } from "../../connector/index.js";
import { settingsFrom } from "../fields/propertyValues.js";
import type { ConnectionNodeType } from "../nodeTypes.js";
import { ConnectionOwner } from "./connectionOwner.js";
import { nodeLogger } from "./nodeLogger.js";

export type StoredValues = Record<string, unknown>;

/** The config node: it owns the connection that every flow node using it borrows. */
export interface ConnectionNode extends Node<StoredValues> {
  owner: ConnectionOwner;
  /** The deployed, non-secret properties (the editor's stored-secret placeholder is checked against them). */
  storedProperties: StoredValues;
}

export function registerConnectionNode(RED: NodeAPI, nodeType: ConnectionNodeType): void {
  const fields = nodeType.form.fields;
  function AmazonSqsConnectionNode(this: ConnectionNode, definition: NodeDef & StoredValues): void {
    RED.nodes.createNode(this, definition);
    this.storedProperties = definition;
    this.owner = new ConnectionOwner(() => connect(settingsFrom(fields, definition, this.credentials), { logger: nodeLogger(this) }));
    this.on("close", (_removed: boolean, done: () => void) => {
      void this.owner.close().then(done);
    });
  }
  const credentials = Object.fromEntries(
    fields.filter((field) => field.secret).map((field) => [field.name, { type: "password" as const }]),
  );
  RED.nodes.registerType(nodeType.type, AmazonSqsConnectionNode, { credentials });
}

/** The deployed config node with this id, when it is one of ours. */
export function deployedConnectionNode(RED: NodeAPI, nodeType: ConnectionNodeType, id: unknown): ConnectionNode | undefined {
  if (typeof id !== "string" || id === "") return undefined;
  const node = RED.nodes.getNode(id) as ConnectionNode | null;
  return node !== null && node.type === nodeType.type ? node : undefined;
}
