import { createRequire } from "node:module";
import type { Node, NodeMessage } from "node-red";
import helper from "node-red-node-test-helper";
import { schemaRegistry } from "../../../core/schemaRegistry.js";

/*
 * Runs this package's nodes in-process with node-red-node-test-helper (Node-RED's
 * own runtime with a stub editor API), loading the built entry exactly as
 * Node-RED does.
 */

const require = createRequire(import.meta.url);
/** dist/node-red/amazon-sqs.cjs, the file package.json names for Node-RED. */
const amazonSqsNodes = require("../../../node-red/amazon-sqs.cjs") as (RED: unknown) => Promise<void>;
const injectNode = require("@node-red/nodes/core/common/20-inject.js") as unknown;

export type FlowNode = Record<string, unknown> & { id: string; type: string };

/** Stops the flow after each test. */
export function useFlowHelper(): void {
  afterEach(() => helper.unload());
}

/**
 * Starts a flow with this package's nodes, Node-RED's inject node and the
 * helper's own collecting nodes. Flow nodes go on one tab (Node-RED takes a
 * node without a tab for a config node); config nodes stay global.
 */
export async function startFlow(nodes: FlowNode[], credentials: Record<string, Record<string, string>> = {}): Promise<void> {
  const flow = [
    { id: "tab", type: "tab", label: "test" },
    ...nodes.map((node) => (node.type.endsWith("-connection") ? node : { ...node, z: "tab" })),
  ];
  await helper.load([amazonSqsNodes, injectNode] as never, flow, credentials);
}

export function flowNode(id: string): Node {
  const node = helper.getNode(id);
  if (node === undefined || node === null) throw new Error(`no node ${id} in the flow`);
  return node;
}

/** Collects the messages arriving at a helper node. */
export function collector(id: string): { messages: NodeMessage[]; next(count: number): Promise<NodeMessage[]> } {
  const messages: NodeMessage[] = [];
  const waiting: Array<{ count: number; resolve: (messages: NodeMessage[]) => void }> = [];
  flowNode(id).on("input", (msg: NodeMessage) => {
    messages.push(msg);
    for (const wait of waiting.filter((w) => messages.length >= w.count)) {
      waiting.splice(waiting.indexOf(wait), 1);
      wait.resolve(messages.slice(0, wait.count));
    }
  });
  return {
    messages,
    next: (count) =>
      messages.length >= count ? Promise.resolve(messages.slice(0, count)) : new Promise((resolve) => waiting.push({ count, resolve })),
  };
}

/** A connection config as a Node-RED config node and its credentials (the schema's writeOnly fields). */
export function connectionNode(
  id: string,
  config: Record<string, unknown>,
): { node: FlowNode; credentials: Record<string, Record<string, string>> } {
  const schema = schemaRegistry().schemas.get("schemas/connection.json") as { properties: Record<string, { writeOnly?: boolean }> };
  const node: FlowNode = { id, type: "amazon-sqs-connection", name: "" };
  const secrets: Record<string, string> = {};
  for (const [name, value] of Object.entries(config)) {
    if (value === undefined) continue;
    if (schema.properties[name]?.writeOnly === true) secrets[name] = typeof value === "string" ? value : JSON.stringify(value);
    else node[name] = value;
  }
  return { node, credentials: { [id]: secrets } };
}

export { helper };
