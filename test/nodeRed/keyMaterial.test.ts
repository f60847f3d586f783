import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createRootCa } from "../support/pki.js";
import { useRecordingListener } from "../support/recordingListener.js";
import { adminToken, startNodeRed, type NodeRedUser, type RunningNodeRed } from "../support/nodeRed/nodeRedProcess.js";

const ADMIN: NodeRedUser = { username: "admin", password: "admin-password-1", permissions: "*" };
const VIEWER: NodeRedUser = { username: "viewer", password: "viewer-password-1", permissions: "read" };
const ARNS = {
  trustAnchorArn: "arn:aws:rolesanywhere:eu-central-1:123456789012:trust-anchor/ta-1",
  profileArn: "arn:aws:rolesanywhere:eu-central-1:123456789012:profile/p-1",
  roleArn: "arn:aws:iam::123456789012:role/workload",
};

/*
 * A PKCS#12 bundle without a password is the private key itself. In a real
 * Node-RED with adminAuth, neither a read-only user nor flows.json may see it:
 * not for a connection deployed now, and not for one an earlier version saved
 * with the certificate as a plain node property.
 */
describe("key material in Node-RED: the certificate is a credential (adminAuth, a read-only user)", function () {
  this.timeout(120_000);
  const leaf = createRootCa({ keyAlgorithm: "rsa" }).issueLeaf({ keyAlgorithm: "rsa" });
  const oldBundle = leaf.pkcs12Base64();
  const newBundle = createRootCa({ keyAlgorithm: "p256" }).issueLeaf({ keyAlgorithm: "p256" }).pkcs12Base64();
  /** Any 32 characters of a bundle count as a leak. */
  const leaks = (text: string, bundle: string) =>
    Array.from({ length: 8 }, (_, i) => bundle.slice(i * 100, i * 100 + 32)).some((piece) => text.includes(piece));
  const connection = (id: string, fields: Record<string, unknown>) => ({
    id,
    type: "amazon-sqs-connection",
    // Not the id: Node-RED reads a property equal to a config node's id as a reference to it.
    name: `${id} connection`,
    authType: "rolesAnywhere",
    ...ARNS,
    region: "eu-central-1",
    rolesAnywhereEndpoint: "http://127.0.0.1:9",
    ...fields,
  });
  // flows.json as the previous version wrote it: the certificate beside the ARNs.
  const oldFlows = [{ id: "tab1", type: "tab", label: "SQS" }, connection("legacy", { certificate: oldBundle })];
  const listener = useRecordingListener();
  let nodeRed: RunningNodeRed;
  let admin: string;
  let viewer: string;

  before(async () => {
    nodeRed = await startNodeRed({ users: [ADMIN, VIEWER], flows: oldFlows });
    [admin, viewer] = await Promise.all([adminToken(nodeRed, ADMIN), adminToken(nodeRed, VIEWER)]);
  });
  after(async () => {
    await nodeRed?.stop();
  });

  const call = async (token: string, method: string, route: string, body?: unknown, accept = "application/json") => {
    const response = await fetch(new URL(route, nodeRed.url), {
      method,
      headers: { authorization: `Bearer ${token}`, accept, "content-type": "application/json", "Node-RED-Deployment-Type": "full" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, text: await response.text() };
  };
  const viewable = async () => {
    const texts: string[] = [];
    for (const [route, accept] of [
      ["flows", "application/json"],
      ["nodes", "text/html"],
      ["nodes", "application/json"],
      ["credentials/amazon-sqs-connection/legacy", "application/json"],
      ["credentials/amazon-sqs-connection/fresh", "application/json"],
    ] as const) {
      const { status, text } = await call(viewer, "GET", route, undefined, accept);
      assert.equal(status, 200, `${route}: ${text}`);
      texts.push(text);
    }
    return texts.join("\n");
  };
  const flowsFile = () => readFileSync(path.join(nodeRed.userDir, "flows.json"), "utf8");

  it("moves a certificate an earlier version saved as a plain property into the credentials as the flows load", async () => {
    assert.ok(!leaks(await viewable(), oldBundle), "a read-only user can read the old bundle");
    const credentials = await call(admin, "GET", "credentials/amazon-sqs-connection/legacy");
    assert.equal((JSON.parse(credentials.text) as Record<string, boolean>)["has_certificate"], true, credentials.text);
    assert.match(nodeRed.output(), /amazon-sqs-connection legacy: moved certificate from the flow into the node's credentials/);
  });

  it("uses the moved certificate: Test connection with the placeholder passes the certificate step", async () => {
    const flows = JSON.parse((await call(admin, "GET", "flows")).text) as Array<Record<string, unknown>>;
    const { id, type: _type, name: _name, ...properties } = flows.find((node) => node["id"] === "legacy")!;
    const tested = await call(admin, "POST", "amazon-sqs-connection/test", { id, properties, credentials: { certificate: "__PWRD__" } });
    const report = JSON.parse(tested.text) as { checks: Array<{ step: string; status: string }> };
    assert.deepEqual(report.checks[0], { ...report.checks[0], step: "certificate", status: "passed" }, tested.text);
  });

  it("keeps a newly deployed bundle out of every flow, node definition and credentials answer, and out of flows.json", async () => {
    const flows = JSON.parse((await call(admin, "GET", "flows")).text) as unknown[];
    const deployed = await call(admin, "POST", "flows", [
      ...flows,
      { ...connection("fresh", {}), credentials: { certificate: newBundle } },
    ]);
    assert.equal(deployed.status, 204, deployed.text);
    const seen = await viewable();
    assert.ok(!leaks(seen, newBundle) && !leaks(seen, oldBundle));
    const credentials = await call(viewer, "GET", "credentials/amazon-sqs-connection/fresh");
    assert.equal((JSON.parse(credentials.text) as Record<string, boolean>)["has_certificate"], true);
    // The deploy also saved the migrated connection: flows.json holds neither bundle any more.
    assert.ok(!leaks(flowsFile(), newBundle) && !leaks(flowsFile(), oldBundle), "flows.json holds a bundle");
  });

  it("refuses Test connection with a target queue URL naming another host, and nothing reaches it", async () => {
    const tested = await call(admin, "POST", "amazon-sqs-connection/test", {
      properties: { authType: "accessKeys", accessKeyId: "AKIAUNITTEST00000001", region: "eu-central-1" },
      credentials: { secretAccessKey: "unit-test-secret-key-0000000000000000001" },
      target: { queueUrl: `http://${listener.host}/123456789012/q` },
    });
    assert.equal(tested.status, 200, tested.text);
    assert.equal((JSON.parse(tested.text) as { code: string }).code, "QUEUE_URL_REFUSED");
    assert.deepEqual(listener.received, []);
  });
});
