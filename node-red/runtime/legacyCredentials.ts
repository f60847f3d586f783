import type { EventEmitter } from "node:events";
import type { NodeAPI } from "node-red";
import type { ConnectionNodeType } from "../nodeTypes.js";

type NodeDefinition = Record<string, unknown> & { id: string; type: string };
type Listener = (event: { config?: { flows?: NodeDefinition[] } }) => void;

// Marks the listener on Node-RED's one events emitter, so registering the nodes again (the test helper does, per flow) replaces it.
const LISTENER = Symbol.for("sqs-connector.legacyCredentials");

/**
 * Flows saved before a field became a credential (the certificate, which may
 * hold a PKCS#12 bundle: the private key itself) hold it as a plain node
 * property, in flows.json and in what GET /flows serves to every editor user,
 * read-only ones included. As the flows start (before any node is created),
 * such a property moves into the node's credentials, as Node-RED's runtime
 * extracts a node definition's credentials on deploy: only the names the type
 * registers as credentials, a stored credential winning over the older plain
 * value. It leaves the active flow configuration at once, so GET /flows no
 * longer has it; Node-RED writes flows.json and the credentials file at the
 * next deploy, and until then this repeats at every start.
 */
export function moveLegacySecretsIntoCredentials(RED: NodeAPI, nodeType: ConnectionNodeType): void {
  const secretNames = nodeType.form.fields.filter((field) => field.secret).map((field) => field.name);
  const listener: Listener = ({ config }) => {
    for (const node of config?.flows ?? []) {
      if (node.type !== nodeType.type) continue;
      const found = secretNames.filter((name) => Object.hasOwn(node, name));
      if (found.length === 0) continue;
      const values = Object.fromEntries(
        found.filter((name) => typeof node[name] === "string" && node[name] !== "").map((name) => [name, node[name]]),
      );
      const stored = (RED.nodes.getCredentials(node.id) ?? {}) as Record<string, unknown>;
      void RED.nodes.addCredentials(node.id, { ...values, ...stored });
      for (const name of found) delete node[name];
      RED.log.warn(
        `${nodeType.type} ${node.id}: moved ${found.join(", ")} from the flow into the node's credentials (secrets are no longer stored as plain node properties); deploy once to save the flow without ${found.length === 1 ? "it" : "them"}.`,
      );
    }
  };
  const events = RED.events as EventEmitter & { [LISTENER]?: Listener };
  if (events[LISTENER] !== undefined) events.off("flows:starting", events[LISTENER]);
  events[LISTENER] = listener;
  events.on("flows:starting", listener);
}
