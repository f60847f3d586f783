import assert from "node:assert/strict";
import { EMBEDDED_CREDENTIALS } from "../../host/embeddedSqs.js";
import { useEmbeddedSqs } from "../support/embeddedSqs.js";
import { adminToken, startNodeRed, type NodeRedUser, type RunningNodeRed } from "../support/nodeRed/nodeRedProcess.js";

const ADMIN: NodeRedUser = { username: "admin", password: "admin-password-1", permissions: "*" };
const VIEWER: NodeRedUser = { username: "viewer", password: "viewer-password-1", permissions: "read" };
const SESSION_TOKEN = "session-token-that-must-stay-on-the-server";

describe("the package installed in a real Node-RED (admin API with adminAuth, embedded SQS)", function () {
  this.timeout(120_000);
  const env = useEmbeddedSqs();
  let nodeRed: RunningNodeRed;
  let admin: string;
  let viewer: string;

  before(async () => {
    // As a user's Node-RED runs: without the variable the tests set to quiet the SDK's Node 22 notice.
    nodeRed = await startNodeRed({ users: [ADMIN, VIEWER], env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined } });
    [admin, viewer] = await Promise.all([adminToken(nodeRed, ADMIN), adminToken(nodeRed, VIEWER)]);
    // A deployed connection, whose secrets the editor must never see.
    const flows = [
      { id: "tab1", type: "tab", label: "SQS" },
      {
        id: "conn1",
        type: "amazon-sqs-connection",
        name: "embedded",
        authType: "accessKeys",
        accessKeyId: EMBEDDED_CREDENTIALS.accessKeyId,
        region: env.sqs.region,
        endpoint: env.sqs.endpoint,
        credentials: { secretAccessKey: EMBEDDED_CREDENTIALS.secretAccessKey, sessionToken: SESSION_TOKEN },
      },
      { id: "send1", type: "amazon-sqs-send", z: "tab1", connection: "conn1", queueName: "anything", x: 200, y: 100, wires: [[], []] },
    ];
    const deployed = await call(admin, "POST", "flows", flows);
    assert.equal(deployed.status, 204, deployed.text);
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
  const dialog = () => ({
    properties: {
      authType: "accessKeys",
      accessKeyId: EMBEDDED_CREDENTIALS.accessKeyId,
      region: env.sqs.region,
      endpoint: env.sqs.endpoint,
    },
    credentials: { secretAccessKey: EMBEDDED_CREDENTIALS.secretAccessKey },
  });

  it("loads the node set from package.json with the connection and every operation node", async () => {
    const { status, text } = await call(admin, "GET", "nodes");
    assert.equal(status, 200, text);
    const set = (JSON.parse(text) as Array<{ id: string; types: string[]; enabled: boolean; err?: string }>).find(
      (n) => n.id === "sqs-connector/amazon-sqs",
    );
    assert.ok(set, nodeRed.output());
    assert.equal(set.err, undefined);
    assert.deepEqual(set.types, [
      "amazon-sqs-connection",
      "amazon-sqs-send",
      "amazon-sqs-receive",
      "amazon-sqs-delete",
      "amazon-sqs-putRecords",
      "amazon-sqs-changeVisibility",
      "amazon-sqs-listen",
    ]);
  });

  it("keeps deployed secrets out of everything the editor loads: flows, credentials and node definitions", async () => {
    const credentials = await call(admin, "GET", "credentials/amazon-sqs-connection/conn1");
    assert.deepEqual(JSON.parse(credentials.text), {
      has_secretAccessKey: true,
      has_sessionToken: true,
      has_certificate: false,
      has_privateKey: false,
      has_privateKeyPassphrase: false,
    });
    for (const [route, accept] of [
      ["flows", "application/json"],
      ["nodes", "text/html"],
      ["credentials/amazon-sqs-connection/conn1", "application/json"],
    ] as const) {
      const { status, text } = await call(admin, "GET", route, undefined, accept);
      assert.equal(status, 200, route);
      assert.ok(!text.includes(SESSION_TOKEN) && !text.includes(EMBEDDED_CREDENTIALS.secretAccessKey), `${route} leaks a secret`);
    }
  });

  it("lets only users with write permission test connections or list queues", async () => {
    for (const action of ["test", "browse"]) {
      const refused = await call(viewer, "POST", `amazon-sqs-connection/${action}`, dialog());
      assert.equal(refused.status, 401, `${action} for a read-only user`);
    }
    const tested = await call(admin, "POST", "amazon-sqs-connection/test", dialog());
    assert.equal(tested.status, 200, tested.text);
    assert.equal((JSON.parse(tested.text) as { ok: boolean }).ok, true, tested.text);
  });

  it("tests the deployed connection with its stored secret when the dialog shows the placeholder", async () => {
    const { properties } = dialog();
    const tested = await call(admin, "POST", "amazon-sqs-connection/test", {
      id: "conn1",
      properties,
      credentials: { secretAccessKey: "__PWRD__", sessionToken: "__PWRD__" },
    });
    assert.equal(tested.status, 200, tested.text);
    assert.equal((JSON.parse(tested.text) as { ok: boolean }).ok, true, tested.text);
    assert.ok(!tested.text.includes(SESSION_TOKEN));
  });

  it("keeps the SDK's NodeVersionSupportWarning out of Node-RED's log, as the CLI does", async () => {
    // Test connection creates an SDK client, which is when the SDK would warn.
    const tested = await call(admin, "POST", "amazon-sqs-connection/test", dialog());
    assert.equal(tested.status, 200, tested.text);
    assert.doesNotMatch(nodeRed.output(), /NodeVersionSupportWarning/);
  });
});
