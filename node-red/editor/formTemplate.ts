import type { FieldSpec } from "../fields/fieldSpecs.js";
import type { EditorNodeType } from "./editorModel.js";
import { escapeHtml } from "./html.js";

/**
 * The edit dialog of a node type as Node-RED template HTML: a row per schema
 * field, in x-order, under its x-group heading, with the input the field's
 * kind calls for. Inputs are named `<prefix>-<field>` so Node-RED fills and
 * saves them itself; the editor script adds visibility, validation, the queue
 * picker and, for the connection, Test connection.
 */
export function formTemplate(nodeType: EditorNodeType): string {
  const prefix = nodeType.category === "config" ? "node-config-input" : "node-input";
  const rows = [row(prefix, "name", '<i class="fa fa-tag"></i> Name', `<input type="text" id="${prefix}-name" placeholder="Name">`)];
  if (nodeType.connectionType !== undefined) {
    rows.push(row(prefix, "connection", '<i class="fa fa-plug"></i> Connection', `<input type="text" id="${prefix}-connection">`));
  }
  let group: string | undefined;
  for (const field of nodeType.fields) {
    if (field.group !== undefined && field.group !== group) {
      group = field.group;
      const title = nodeType.groups.find((g) => g.id === group)?.title ?? group;
      rows.push(`<div class="form-row amazon-sqs-group" data-group="${escapeHtml(group)}"><h4>${escapeHtml(title)}</h4></div>`);
    }
    rows.push(fieldRow(prefix, field));
  }
  if (nodeType.category === "config") rows.push(testConnectionRows());
  return rows.join("\n");
}

function row(prefix: string, name: string, label: string, input: string, extra: { className?: string; data?: string } = {}): string {
  const className = extra.className === undefined ? "form-row" : `form-row ${extra.className}`;
  return `<div class="${className}"${extra.data ?? ""}><label for="${prefix}-${name}">${label}</label>${input}</div>`;
}

function fieldRow(prefix: string, field: FieldSpec): string {
  const data = ` data-field="${escapeHtml(field.name)}"${field.group === undefined ? "" : ` data-group="${escapeHtml(field.group)}"`}`;
  const label = `<span title="${escapeHtml(field.description ?? "")}">${escapeHtml(field.title)}</span>`;
  return row(prefix, field.name, label, input(`${prefix}-${field.name}`, field), { className: "amazon-sqs-field", data });
}

function input(id: string, field: FieldSpec): string {
  const title = escapeHtml(field.description ?? "");
  switch (field.kind) {
    case "checkbox":
      return `<input type="checkbox" id="${id}" title="${title}" style="display:inline-block; width:auto; vertical-align:top;">`;
    case "integer":
    case "number": {
      const bounds = [
        field.minimum === undefined ? "" : ` min="${field.minimum}"`,
        field.maximum === undefined ? "" : ` max="${field.maximum}"`,
        ` step="${field.kind === "integer" ? 1 : "any"}"`,
      ].join("");
      const placeholder =
        field.default === undefined
          ? ""
          : ` placeholder="${escapeHtml(typeof field.default === "number" ? String(field.default) : JSON.stringify(field.default))}"`;
      if (field.words !== undefined) {
        // A number or a word ("auto"): a text input that offers the words, so either can be entered.
        const options = field.words.map((word) => `<option value="${escapeHtml(word)}">`).join("");
        return `<input type="text" id="${id}" title="${title}" list="${id}-words"${placeholder}><datalist id="${id}-words">${options}</datalist>`;
      }
      return `<input type="number" id="${id}" title="${title}"${bounds}${placeholder}>`;
    }
    case "select":
    case "multiselect": {
      const empty = field.kind === "select" && field.default === undefined && !field.required ? '<option value="">(not set)</option>' : "";
      const options = (field.options ?? []).map((o) => `<option value="${escapeHtml(o.value)}">${escapeHtml(o.label)}</option>`).join("");
      const multiple = field.kind === "multiselect" ? ` multiple size="${Math.min(6, field.options?.length ?? 1)}"` : "";
      return `<select id="${id}" title="${title}"${multiple} style="width:70%;">${empty}${options}</select>`;
    }
    case "textarea":
      return `<textarea id="${id}" title="${title}" rows="5" class="amazon-sqs-textarea${field.secret ? " amazon-sqs-secret" : ""}"></textarea>`;
    case "list":
      return `<input type="text" id="${id}" title="${title}" placeholder="comma-separated">`;
    case "text": {
      const type = field.secret ? "password" : "text";
      const picker =
        field.browse === undefined
          ? ""
          : `<button type="button" class="red-ui-button amazon-sqs-browse" data-field="${escapeHtml(field.name)}" title="${field.browse === "streamName" ? "Pick a stream" : "Pick a queue"}"><i class="fa fa-search"></i></button>` +
            `<div class="amazon-sqs-queue-list" data-field="${escapeHtml(field.name)}" hidden></div>`;
      const width = field.browse === undefined ? "" : ' style="width:calc(70% - 40px);"';
      return `<input type="${type}" id="${id}" title="${title}"${field.secret ? ' autocomplete="new-password"' : ""}${width}>${picker}`;
    }
  }
}

function testConnectionRows(): string {
  return [
    '<div class="form-row amazon-sqs-test">',
    '<label for="amazon-sqs-test-queue"><span title="Optional: a queue name or URL whose access the test also checks">Check queue</span></label>',
    '<input type="text" id="amazon-sqs-test-queue" placeholder="optional queue name or URL" style="width:calc(70% - 150px);">',
    '<button type="button" class="red-ui-button" id="amazon-sqs-test-connection" style="margin-left:10px;"><i class="fa fa-plug"></i> Test connection</button>',
    "</div>",
    '<div class="form-row amazon-sqs-test">',
    '<label for="amazon-sqs-test-stream"><span title="Optional: a Kinesis stream name or ARN the test also checks (DescribeStreamSummary)">Check stream</span></label>',
    '<input type="text" id="amazon-sqs-test-stream" placeholder="optional stream name or ARN" style="width:calc(70% - 150px);">',
    "</div>",
    '<div class="form-row amazon-sqs-test">',
    '<label for="amazon-sqs-test-bucket"><span title="Optional: an S3 bucket for large payloads (bucket or bucket/keyPrefix) the test also checks: HeadBucket and a probe object put, read and removed">Check bucket</span></label>',
    '<input type="text" id="amazon-sqs-test-bucket" placeholder="optional bucket or bucket/keyPrefix" style="width:calc(70% - 150px);">',
    "</div>",
    '<div class="form-row"><div id="amazon-sqs-test-report" class="amazon-sqs-report" hidden></div></div>',
  ].join("");
}
