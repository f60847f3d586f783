import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { packageRoot, readManifest, readSchemas, type Manifest } from "../../core/manifest.js";
import { editorHtml } from "../../node-red/editor/editorHtml.js";
import { withNodeRedSchemas, type SchemaSource } from "../../node-red/nodeTypes.js";

type Validator = (this: Record<string, unknown>, value: unknown) => true | string;
type Property = { value: unknown; validate?: Validator; type?: string; required?: boolean };
interface Registration {
  category: string;
  defaults: Record<string, Property>;
  credentials: Record<string, { type: string; validate?: Validator }>;
  inputs: number;
  outputs: number;
  paletteLabel: string;
  label(this: Record<string, unknown>): string;
}

const root = packageRoot();
const browserDir = path.join(root, "node-red", "editor", "browser");
const source = (): SchemaSource => withNodeRedSchemas({ manifest: readManifest(root), schemas: readSchemas(root) }, root);

/** Runs the generated editor script as Node-RED's editor would, with a RED that records registrations and no open dialog. */
function registrations(html: string): Map<string, Registration> {
  const script = /<script type="text\/javascript">\n([\s\S]*?)<\/script>/.exec(html)![1]!;
  const registered = new Map<string, Registration>();
  const noInputs = () => ({ length: 0 });
  vm.runInNewContext(script, {
    RED: { nodes: { registerType: (type: string, definition: Registration) => registered.set(type, definition) } },
    $: noInputs,
  });
  return registered;
}

/** A value made in the script's own realm, as a plain value of this one (for deepEqual). */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

function template(html: string, type: string): string {
  return new RegExp(`data-template-name="${type}">\\n([\\s\\S]*?)</script>`).exec(html)![1]!;
}

function help(html: string, type: string): string {
  return new RegExp(`data-help-name="${type}">\\n([\\s\\S]*?)</script>`).exec(html)![1]!;
}

describe("Node-RED editor generated from the manifest and schemas", () => {
  const html = editorHtml(source(), browserDir);
  const types = registrations(html);
  const connectionSchema = JSON.parse(readFileSync(path.join(root, "schemas", "connection.json"), "utf8")) as {
    properties: Record<string, { writeOnly?: boolean; default?: unknown; description?: string; "x-order": number }>;
  };

  it("registers a config node for the connection and one flow node per manifest operation", () => {
    const manifest = readManifest(root);
    assert.deepEqual([...types.keys()], ["amazon-sqs-connection", ...manifest.operations.map((op) => `amazon-sqs-${op.id}`)]);
    assert.equal(types.get("amazon-sqs-connection")!.category, "config");
    for (const op of manifest.operations) {
      const registration = types.get(`amazon-sqs-${op.id}`)!;
      // A listener has no input: it runs from deploy on.
      assert.deepEqual([registration.inputs, registration.outputs], [op.kind === "listener" ? 0 : 1, 2], op.id);
      assert.deepEqual(plain(registration.defaults["connection"]), { value: "", type: "amazon-sqs-connection", required: true });
    }
  });

  it("shows every connection field in x-order, each secret as a password credential that is never a stored property", () => {
    const form = template(html, "amazon-sqs-connection");
    const ids = [...form.matchAll(/id="node-config-input-([A-Za-z0-9_]+)"/g)].map((m) => m[1]);
    const byOrder = Object.entries(connectionSchema.properties)
      .sort(([, a], [, b]) => a["x-order"] - b["x-order"])
      .map(([name]) => name);
    assert.deepEqual(ids, ["name", ...byOrder]);
    const connection = types.get("amazon-sqs-connection")!;
    const secrets = Object.entries(connectionSchema.properties)
      .filter(([, p]) => p.writeOnly === true)
      .map(([name]) => name);
    assert.deepEqual(Object.keys(connection.credentials), secrets);
    for (const secret of secrets) {
      assert.equal(connection.credentials[secret]!.type, "password");
      assert.equal(connection.defaults[secret], undefined, `${secret} must not be a node property`);
    }
    assert.match(form, /<input type="password" id="node-config-input-secretAccessKey"/);
  });

  it("takes defaults, enum labels, group headings and help text from the schemas", () => {
    const connection = types.get("amazon-sqs-connection")!;
    assert.equal(connection.defaults["region"]!.value, "us-east-1");
    assert.equal(connection.defaults["durationSeconds"]!.value, 3600);
    const form = template(html, "amazon-sqs-connection");
    assert.match(form, /<option value="rolesAnywhere">IAM Roles Anywhere \(X\.509 certificate\)<\/option>/);
    assert.match(form, /<option value="eu-central-1">Europe \(Frankfurt\) \(eu-central-1\)<\/option>/);
    assert.match(form, /<div class="form-row amazon-sqs-group" data-group="rolesAnywhere"><h4>IAM Roles Anywhere<\/h4><\/div>/);
    const text = help(html, "amazon-sqs-connection");
    for (const property of Object.values(connectionSchema.properties)) {
      if (property.description !== undefined)
        assert.ok(
          text.includes(property.description.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")),
          property.description,
        );
    }
    const receive = types.get("amazon-sqs-receive")!;
    assert.equal(receive.defaults["deleteAfterReceive"]!.value, false);
    assert.deepEqual(plain(receive.defaults["attributeNames"]!.value), ["All"]);
    assert.equal(receive.defaults["pollIntervalSeconds"]!.value, 0, "the Node-RED source settings schema adds the poll interval");
    assert.match(template(html, "amazon-sqs-receive"), /<select id="node-input-attributeNames"[^>]* multiple/);
    assert.match(template(html, "amazon-sqs-send"), /class="red-ui-button amazon-sqs-browse" data-field="queueName"/);
  });

  it("validates with the schema's rules, only for fields the chosen auth type shows", () => {
    const connection = types.get("amazon-sqs-connection")!;
    const accessKeyId = connection.defaults["accessKeyId"]!.validate!;
    assert.equal(accessKeyId.call({ authType: "accessKeys" }, ""), "Access key ID is required");
    assert.equal(accessKeyId.call({ authType: "rolesAnywhere" }, ""), true, "hidden for Roles Anywhere");
    assert.match(String(accessKeyId.call({ authType: "accessKeys" }, "has spaces")), /not in the expected form/);
    assert.equal(accessKeyId.call({ authType: "accessKeys" }, "AKIAIOSFODNN7EXAMPLE"), true);
    const duration = connection.defaults["durationSeconds"]!.validate!;
    assert.match(String(duration.call({ authType: "rolesAnywhere" }, "60")), /from 900 to 3600/);
    const send = types.get("amazon-sqs-send")!;
    assert.equal(send.defaults["queueUrl"]!.validate!.call({ queueName: "" }, ""), "Set Queue URL or Queue name");
    assert.equal(send.defaults["queueUrl"]!.validate!.call({ queueName: "orders" }, ""), true);
    assert.equal(send.label.call({ queueName: "orders.fifo" }), "send orders.fifo");
    // One labelling rule for every node: the palette label, then the queue when there is one.
    assert.equal(send.label.call({}), "send");
    assert.equal(types.get("amazon-sqs-delete")!.label.call({}), "delete");
    assert.equal(
      types.get("amazon-sqs-receive")!.label.call({ queueUrl: "https://sqs.eu-central-1.amazonaws.com/123456789012/events" }),
      "receive events",
    );
  });

  it("offers auto or a number for concurrency and linger, starting at auto", () => {
    const send = types.get("amazon-sqs-send")!;
    const form = template(html, "amazon-sqs-send");
    for (const name of ["concurrency", "lingerMs"]) {
      assert.equal(send.defaults[name]!.value, "auto", name);
      assert.match(
        form,
        new RegExp(
          `<input type="text" id="node-input-${name}"[^>]* list="node-input-${name}-words"[^>]*><datalist id="node-input-${name}-words"><option value="auto"></datalist>`,
        ),
      );
      const validate = send.defaults[name]!.validate!;
      assert.equal(validate.call({}, "auto"), true);
      assert.equal(validate.call({}, "5"), true);
    }
    assert.match(String(send.defaults["concurrency"]!.validate!.call({}, "100")), /Concurrency: auto or a whole number from 1 to 64/);
  });

  it("starts a new connection's Authentication at the schema's default, access keys", () => {
    assert.equal(types.get("amazon-sqs-connection")!.defaults["authType"]!.value, "accessKeys");
  });

  it("adds a field added to a schema, and a node for an operation added to the manifest, without code changes", () => {
    const original = source();
    const schemas = new Map(original.schemas);
    const connection = structuredClone(schemas.get("schemas/connection.json")!) as { properties: Record<string, unknown> };
    connection.properties["proxyUrl"] = {
      title: "Proxy URL",
      type: "string",
      description: "HTTPS proxy for every request.",
      "x-order": 44,
      "x-group": "advanced",
    };
    schemas.set("schemas/connection.json", connection);
    const manifest: Manifest = structuredClone(original.manifest);
    manifest.operations.push({
      ...manifest.operations.find((op) => op.id === "delete")!,
      id: "purge",
      title: "Purge queue",
      description: "Deletes every message.",
    });

    const changed = editorHtml({ manifest, schemas }, browserDir);
    const changedTypes = registrations(changed);
    assert.match(template(changed, "amazon-sqs-connection"), /id="node-config-input-proxyUrl"/);
    assert.equal(changedTypes.get("amazon-sqs-connection")!.defaults["proxyUrl"]!.value, "");
    assert.ok(help(changed, "amazon-sqs-connection").includes("HTTPS proxy for every request."));
    assert.equal(changedTypes.get("amazon-sqs-purge")!.paletteLabel, "purge");
  });

  it("keeps markup in schema text from breaking out of the generated file", () => {
    const original = source();
    const schemas = new Map(original.schemas);
    const send = structuredClone(schemas.get("schemas/send.config.json")!) as { properties: Record<string, Record<string, unknown>> };
    send.properties["messageGroupId"]!["title"] = "</script><script>alert(1)</script>";
    schemas.set("schemas/send.config.json", send);
    const changed = editorHtml({ manifest: original.manifest, schemas }, browserDir);
    assert.equal(changed.match(/<script>alert/g), null);
    assert.equal(registrations(changed).size, types.size, "the editor script still runs");
  });
});
