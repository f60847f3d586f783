import type { RunningNodeRed } from "./nodeRedProcess.js";

/** The package name Node-RED lists the examples under (Import > Examples). */
const MODULE = "sqs-connector";

export type ExampleNode = Record<string, unknown> & { id: string; type: string };

/** The example flows as the editor's Import > Examples menu lists them. */
export async function exampleNames(nodeRed: RunningNodeRed): Promise<string[]> {
  const listing = (await libraryGet(nodeRed, "")) as Array<{ fn: string } | string>;
  return listing.flatMap((entry) => (typeof entry === "string" ? [] : [entry.fn]));
}

/** One example flow, fetched the way the editor imports it. */
export async function loadExample(nodeRed: RunningNodeRed, name: string): Promise<ExampleNode[]> {
  return (await libraryGet(nodeRed, `/${encodeURIComponent(name)}`)) as ExampleNode[];
}

export interface Endpoints {
  mqttPort: number;
  sqsEndpoint: string;
  kinesisEndpoint: string;
  /** Queue URLs of the shipped flow (the queue's own endpoint) and the emulator's URL for that queue. */
  queueUrls?: Record<string, string>;
}

/**
 * What importing does, plus the one edit the tests make: the flow nodes go on
 * a new tab, and every endpoint points at the local broker and emulators
 * (broker host and port, the connections' endpoints, a queue URL). Nothing
 * else of the shipped flow changes.
 */
export function importedWithEndpoints(nodes: ExampleNode[], tab: string, endpoints: Endpoints): ExampleNode[] {
  const imported = nodes.map((node): ExampleNode => {
    if (node.type === "mqtt-broker") return { ...node, broker: "127.0.0.1", port: String(endpoints.mqttPort) };
    if (node.type === "amazon-sqs-connection")
      return { ...node, endpoint: endpoints.sqsEndpoint, kinesisEndpoint: endpoints.kinesisEndpoint };
    const queueUrl = node["queueUrl"];
    const local = typeof queueUrl === "string" ? endpoints.queueUrls?.[queueUrl] : undefined;
    const moved = local === undefined ? node : { ...node, queueUrl: local };
    // Config nodes have no position; flow nodes belong to the tab they are imported into.
    return "x" in node ? { ...moved, z: tab } : moved;
  });
  return [{ id: tab, type: "tab", label: tab, disabled: false, info: "" }, ...imported];
}

/** A full deploy through the admin API, as the editor's Deploy button does. */
export async function deploy(nodeRed: RunningNodeRed, flows: ExampleNode[]): Promise<void> {
  const response = await fetch(new URL("flows", nodeRed.url), {
    method: "POST",
    headers: { "content-type": "application/json", "Node-RED-Deployment-Type": "full" },
    body: JSON.stringify(flows),
  });
  if (response.status !== 204) throw new Error(`deploy: ${response.status} ${await response.text()}\n${nodeRed.output()}`);
}

async function libraryGet(nodeRed: RunningNodeRed, path: string): Promise<unknown> {
  const response = await fetch(new URL(`library/examples/flows/${MODULE}${path}`, nodeRed.url), {
    headers: { accept: "application/json" },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`examples library ${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}
