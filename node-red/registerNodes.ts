import type { NodeAPI } from "node-red";
import { assertKnownContractVersion, packageRoot, schemaRegistry } from "../connector/index.js";
import { registerAdminRoutes } from "./admin/adminRoutes.js";
import { nodeTypes, withNodeRedSchemas } from "./nodeTypes.js";
import { registerConnectionNode } from "./runtime/connectionNode.js";
import { moveLegacySecretsIntoCredentials } from "./runtime/legacyCredentials.js";
import { registerListenerNode } from "./runtime/listenerNode.js";
import { registerSinkNode } from "./runtime/sinkNode.js";
import { registerSourceNode } from "./runtime/sourceNode.js";

/** Registers the connection config node, one flow node per manifest operation, and the designer's admin endpoints. */
export function registerNodes(RED: NodeAPI): void {
  // Thrown before anything is registered: Node-RED reports the node set as failed to load, with this message.
  assertKnownContractVersion(schemaRegistry().manifest, "this Node-RED node package");
  const types = nodeTypes(withNodeRedSchemas(schemaRegistry(), packageRoot()));
  registerConnectionNode(RED, types.connection);
  moveLegacySecretsIntoCredentials(RED, types.connection);
  for (const operation of types.operations) {
    if (operation.operation.kind === "source") registerSourceNode(RED, types.connection, operation);
    else if (operation.operation.kind === "listener") registerListenerNode(RED, types.connection, operation);
    else registerSinkNode(RED, types.connection, operation);
  }
  registerAdminRoutes(RED, types.connection);
}
