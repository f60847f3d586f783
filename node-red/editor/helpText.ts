import type { FieldSpec } from "../fields/fieldSpecs.js";
import type { ConnectionNodeType, OperationNodeType, SchemaSource } from "../nodeTypes.js";
import { escapeHtml } from "./html.js";

/**
 * The help sidebar text of each node type, from the same schemas as the form:
 * the manifest's description, every field's description, and the input and
 * output documents the operation's schemas describe.
 */
export function connectionHelp(nodeType: ConnectionNodeType): string {
  return [
    `<p>${escapeHtml(nodeType.form.description ?? "")}</p>`,
    "<p>Every Amazon SQS node that uses this connection shares its client. <b>Test connection</b> checks the values in the dialog " +
      "(certificate, credentials, a real SQS call and, when a queue is given, access to it) without deploying them, and reports " +
      "each step as passed, warning or failed. Secrets are kept as Node-RED credentials and never sent back to the editor.</p>",
    "<h3>Properties</h3>",
    properties(nodeType.form.fields),
  ].join("\n");
}

export function operationHelp(nodeType: OperationNodeType, source: SchemaSource): string {
  const { operation } = nodeType;
  const kind = operation.kind;
  const input = operation.input === undefined ? undefined : source.schemas.get(operation.input);
  const output = source.schemas.get(kind === "listener" ? (operation.delivery ?? operation.output) : operation.output);
  const inputs =
    kind === "listener"
      ? "<p>None: the node listens from deploy until the flow stops.</p>"
      : input === undefined
        ? '<dl class="message-properties"><dt class="optional">payload</dt><dd>Any message starts a run; its other properties are copied to every result.</dd></dl>'
        : `<dl class="message-properties"><dt>payload <span class="property-type">object | array</span></dt><dd>One ${escapeHtml(lower(input["title"]))} or an array of them.${documentFields(input)}</dd></dl>`;
  const each = kind === "sink" ? "document" : "received message";
  return [
    `<p>${escapeHtml(operation.description)}</p>`,
    "<h3>Inputs</h3>",
    inputs,
    "<h3>Outputs</h3>",
    '<ol class="node-ports">',
    `<li>${kind === "sink" ? "Results" : "Messages"}<dl class="message-properties"><dt>payload <span class="property-type">object</span></dt>` +
      `<dd>One message per ${each}: the ${escapeHtml(lower(output?.["title"]))}.${documentFields(output)}</dd></dl></li>`,
    '<li>Error results<dl class="message-properties"><dt>payload <span class="property-type">object</span></dt><dd>What failed: ' +
      (kind === "listener" ? "the message's document" : "the input document") +
      (kind === "source" ? " (for a message that could not be decoded: its receipt handle and id)" : "") +
      '.</dd><dt>error <span class="property-type">object</span></dt><dd><code>code</code>, <code>message</code>, <code>retryable</code> and, ' +
      "when one field is at fault, <code>field</code>.</dd></dl></li>",
    "</ol>",
    "<h3>Details</h3>",
    kind === "listener" ? LISTENER_DETAILS : BATCH_DETAILS,
    "<h3>Properties</h3>",
    properties([...nodeType.config.fields, ...nodeType.host]),
  ].join("\n");
}

const BATCH_DETAILS =
  "<p>A problem with one document fails only that document, on the second output. A failure of the whole operation (credentials " +
  "refused, queue missing) is reported to Catch nodes, and the node's status shows its code.</p>";

const LISTENER_DETAILS =
  "<p>At most <i>Messages in flight</i> messages are in the flow at once; each stays hidden (its visibility is extended) until a " +
  "<b>delete</b> node acknowledges it or a <b>changeVisibility</b> node releases it, both with the same connection and the message's " +
  "document as payload. A message neither settles within <i>Acknowledge within</i> is released. The second output reports what the " +
  "listener settled itself: <code>HANDLER_FAILED</code> (not acknowledged in time), <code>MESSAGE_POISONED</code>, " +
  "<code>VISIBILITY_LIMIT_REACHED</code>. The status shows how many messages are in flight. A redeploy or shutdown releases them " +
  "(visible again at once); a poll then still waiting is waited for, so in Node-RED a poll waits at most 5 s less than Node-RED's " +
  "node close timeout (10 s by default). Credentials refused or the queue missing stop the node: Catch nodes get the error.</p>";

function properties(fields: readonly FieldSpec[]): string {
  const items = fields.map((field) => {
    const type =
      field.kind === "checkbox"
        ? "boolean"
        : field.kind === "integer" || field.kind === "number"
          ? ["number", ...(field.words ?? [])].join(" | ")
          : field.kind === "multiselect" || field.kind === "list"
            ? "list"
            : "string";
    const notes = [
      field.default === undefined ? "" : ` Default: <code>${escapeHtml(JSON.stringify(field.default))}</code>.`,
      field.secret ? " Stored as a credential." : "",
      field.visibleWhen === undefined ? "" : ` Only for ${Object.values(field.visibleWhen).flat().map(escapeHtml).join(", ")}.`,
    ].join("");
    return `<dt${field.required ? "" : ' class="optional"'}>${escapeHtml(field.title)} <span class="property-type">${type}</span></dt><dd>${escapeHtml(field.description ?? "")}${notes}</dd>`;
  });
  return `<dl class="message-properties">${items.join("")}</dl>`;
}

/** The top-level properties of a document schema, named with their descriptions. */
function documentFields(schema: Record<string, unknown> | undefined): string {
  const fields = Object.entries((schema?.["properties"] ?? {}) as Record<string, Record<string, unknown>>);
  if (fields.length === 0) return "";
  const required = new Set((schema?.["required"] ?? []) as string[]);
  const items = fields.map(
    ([name, property]) =>
      `<li><code>${escapeHtml(name)}</code>${required.has(name) ? "" : " (optional)"}${typeof property["description"] === "string" ? `: ${escapeHtml(property["description"])}` : ""}</li>`,
  );
  return `<ul>${items.join("")}</ul>`;
}

function lower(title: unknown): string {
  return typeof title === "string" ? title.toLowerCase() : "document";
}
