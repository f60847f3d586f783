import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { packageRoot } from "../../core/manifest.js";
import { EMBEDDED_CREDENTIALS } from "../../host/embeddedSqs.js";
import { useEmbeddedSqs } from "../support/embeddedSqs.js";
import { launchChromium, skipUnlessChromium, type HeadlessChromium } from "../support/nodeRed/browser.js";
import { startNodeRed, type RunningNodeRed } from "../support/nodeRed/nodeRedProcess.js";

/**
 * The picture of the connection dialog that the README shows, refreshed with
 * UPDATE_DOCS_SCREENSHOT=1; other runs write it to the temp directory, so a
 * test run leaves the work tree as it was.
 */
const SCREENSHOT = path.join(
  process.env["UPDATE_DOCS_SCREENSHOT"] === "1" ? path.join(packageRoot(), "docs") : tmpdir(),
  "node-red-connection-dialog.png",
);
const STEP_TIMEOUT_MS = 30_000;
const GREETING = "hello from the Node-RED editor";

/** Inject -> send, and receive (polling) -> delete, with debug nodes; no connection or queue set yet. */
const FLOW = [
  {
    id: "injectHello",
    type: "inject",
    z: "",
    name: "say hello",
    props: [{ p: "payload" }],
    payload: JSON.stringify({ body: GREETING }),
    payloadType: "json",
    repeat: "",
    once: false,
    x: 140,
    y: 80,
    wires: [["sqsSend"]],
  },
  { id: "sqsSend", type: "amazon-sqs-send", z: "", connection: "", x: 340, y: 80, wires: [["debugSent"], ["debugErrors"]] },
  {
    id: "sqsReceive",
    type: "amazon-sqs-receive",
    z: "",
    connection: "",
    x: 140,
    y: 200,
    wires: [["sqsDelete", "debugReceived"], ["debugErrors"]],
  },
  { id: "sqsDelete", type: "amazon-sqs-delete", z: "", connection: "", x: 340, y: 200, wires: [["debugDeleted"], ["debugErrors"]] },
  ...[
    ["debugSent", "sent", "payload", 80],
    ["debugReceived", "received", "payload.body", 160],
    ["debugDeleted", "deleted", "payload", 240],
    ["debugErrors", "errors", "true", 320],
  ].map(([id, name, complete, y]) => ({
    id,
    type: "debug",
    z: "",
    name,
    active: true,
    tosidebar: true,
    console: false,
    complete,
    targetType: complete === "true" ? "full" : "msg",
    x: 600,
    y,
    wires: [],
  })),
];

describe("the Amazon SQS nodes in the Node-RED editor (headless Chromium)", function () {
  this.timeout(300_000);
  before(function () {
    skipUnlessChromium(this);
  });
  const env = useEmbeddedSqs();
  let nodeRed: RunningNodeRed;
  let chromium: HeadlessChromium;
  let page: Page;
  let queue: { name: string; url: string };
  let queueName: string;

  before(async () => {
    queue = await env.queue("editor-demo");
    queueName = queue.name;
    nodeRed = await startNodeRed();
    chromium = await launchChromium();
    page = await chromium.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(nodeRed.url);
    await page.waitForSelector('.red-ui-palette-node[data-palette-type="amazon-sqs-send"]');
    await page.evaluate((flow) => {
      const RED = (
        window as unknown as { RED: { workspaces: { active(): string }; view: { importNodes(nodes: unknown[], options: object): void } } }
      ).RED;
      const z = RED.workspaces.active();
      RED.view.importNodes(
        flow.map((node) => ({ ...node, z })),
        { generateIds: false, touchImport: true },
      );
    }, FLOW);
    // The "imported" notice would cover the dialog in the screenshot; it goes away by itself.
    await page.waitForSelector(".red-ui-notification", { state: "detached" });
  });
  after(async () => {
    await chromium?.close();
    await nodeRed?.stop();
  });

  /** Opens a node's edit dialog, as a double click does, once no other dialog is open. */
  const editNode = async (id: string) => {
    await page.waitForSelector(".red-ui-tray", { state: "detached" });
    await page.evaluate((nodeId) => {
      const RED = (window as unknown as { RED: { editor: { edit(node: unknown): void }; nodes: { node(id: string): unknown } } }).RED;
      RED.editor.edit(RED.nodes.node(nodeId));
    }, id);
    await page.waitForSelector("#node-input-connection", { state: "visible" });
  };
  const closeDialog = async () => {
    await page.click("#node-dialog-ok");
    await page.waitForSelector(".red-ui-tray", { state: "detached" });
  };
  const connectionId = () =>
    page.evaluate(() => {
      const RED = (window as unknown as { RED: { nodes: { eachConfig(visit: (node: { id: string; type: string }) => void): void } } }).RED;
      let id = "";
      RED.nodes.eachConfig((node) => {
        if (node.type === "amazon-sqs-connection") id = node.id;
      });
      return id;
    });

  it("adds a connection from the send node, tests it in the dialog, and picks the queue from the list", async () => {
    await editNode("sqsSend");
    await page.click("#node-input-btn-connection-add");
    await page.waitForSelector("#node-config-input-authType", { state: "visible" });
    await page.fill("#node-config-input-name", "Embedded SQS");
    await page.selectOption("#node-config-input-authType", "accessKeys");
    assert.equal(await page.isVisible("#node-config-input-trustAnchorArn"), false, "Roles Anywhere fields are hidden for access keys");
    await page.fill("#node-config-input-accessKeyId", EMBEDDED_CREDENTIALS.accessKeyId);
    await page.fill("#node-config-input-secretAccessKey", EMBEDDED_CREDENTIALS.secretAccessKey);
    await page.selectOption("#node-config-input-region", env.sqs.region);
    await page.fill("#node-config-input-endpoint", env.sqs.endpoint);
    await page.fill("#amazon-sqs-test-queue", queueName);

    await page.click("#amazon-sqs-test-connection");
    await page.waitForSelector('#amazon-sqs-test-report[data-state="passed"], #amazon-sqs-test-report[data-state="failed"]');
    const report = await page.locator("#amazon-sqs-test-report").innerText();
    assert.equal(await page.getAttribute("#amazon-sqs-test-report", "data-state"), "passed", report);
    const steps = await page.$$eval("#amazon-sqs-test-report li", (items) =>
      items.map((item) => `${item.getAttribute("data-step")}:${item.getAttribute("data-status")}`),
    );
    assert.deepEqual(steps, ["credentials:passed", "sqs:passed", "sqs:passed"]);
    assert.match(report, new RegExp(`Queue ${queueName} found`));

    // The connection's tray (stacked on the send node's), from its title bar down to the report.
    const tray = (await page.locator(".red-ui-tray").last().boundingBox())!;
    const reportBox = (await page.locator("#amazon-sqs-test-report").boundingBox())!;
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({
      path: SCREENSHOT,
      clip: { x: tray.x, y: tray.y, width: tray.width, height: reportBox.y + reportBox.height + 16 - tray.y },
    });

    await page.click("#node-config-dialog-ok");
    await page.waitForSelector("#node-config-input-authType", { state: "detached" });
    await page.click('.amazon-sqs-browse[data-field="queueName"]');
    await page.click(`.amazon-sqs-queue[data-name="${queueName}"]`);
    assert.equal(await page.inputValue("#node-input-queueName"), queueName);
    await closeDialog();
  });

  it("configures receive (polling) and delete with the same connection, deploys, and the injected message goes round", async () => {
    const connection = await connectionId();
    await editNode("sqsReceive");
    await page.selectOption("#node-input-connection", connection);
    await page.fill("#node-input-queueName", queueName);
    await page.fill("#node-input-waitTimeSeconds", "1");
    await page.fill("#node-input-pollIntervalSeconds", "1");
    await closeDialog();
    await editNode("sqsDelete");
    await page.selectOption("#node-input-connection", connection);
    await closeDialog();

    await page.click("#red-ui-header-button-deploy");
    await page.waitForFunction(() => !(window as unknown as { RED: { nodes: { dirty(): boolean } } }).RED.nodes.dirty());
    await page.evaluate(() => (window as unknown as { RED: { sidebar: { show(tab: string): void } } }).RED.sidebar.show("debug"));
    await page.locator('[id="injectHello"] .red-ui-flow-node-button').click();

    const received = page.locator(".red-ui-debug-msg", { hasText: "received" }).filter({ hasText: GREETING });
    await received.first().waitFor();
    await page.locator(".red-ui-debug-msg", { hasText: "deleted" }).first().waitFor();
    const messages = await page.locator(".red-ui-debug-msg").allInnerTexts();
    assert.ok(!messages.some((text) => /errors/.test(text.split("\n")[0] ?? "")), messages.join("\n---\n"));
    assert.equal(await env.depth(queue.url), 0, "received and deleted");
  });

  it("never hands the stored secret back to the editor", async () => {
    const connection = await connectionId();
    const seen = await page.evaluate(async (id) => (await fetch(`credentials/amazon-sqs-connection/${id}`)).text(), connection);
    assert.ok(seen.includes('"has_secretAccessKey":true'), seen);
    assert.ok(!seen.includes(EMBEDDED_CREDENTIALS.secretAccessKey));
  });
});
