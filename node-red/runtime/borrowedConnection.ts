import type { Node, NodeAPI, NodeDef } from "node-red";
import type { Connection } from "../../connector/index.js";
import type { ConnectionNodeType } from "../nodeTypes.js";
import { deployedConnectionNode, type ConnectionNode } from "./connectionNode.js";

/**
 * A flow node's hold on its config node's connection: registered while the
 * flow node lives, released when it closes, opened only when first used.
 */
export class BorrowedConnection {
  private readonly owner: ConnectionNode | undefined;

  constructor(
    RED: NodeAPI,
    connectionType: ConnectionNodeType,
    private readonly user: Node,
    definition: NodeDef & Record<string, unknown>,
  ) {
    this.owner = deployedConnectionNode(RED, connectionType, definition["connection"]);
    this.owner?.owner.register(user);
  }

  get configured(): boolean {
    return this.owner !== undefined;
  }

  /** The shared connection; throws when none is configured or its settings can never work. */
  get(): Connection {
    if (this.owner === undefined) throw new Error("No Amazon SQS connection is configured for this node; pick one in its settings.");
    return this.owner.owner.get();
  }

  release(): void {
    this.owner?.owner.deregister(this.user);
  }
}
