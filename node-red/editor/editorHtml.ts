import { readFileSync } from "node:fs";
import path from "node:path";
import { nodeTypes, type SchemaSource } from "../nodeTypes.js";
import { editorModel } from "./editorModel.js";
import { formTemplate } from "./formTemplate.js";
import { connectionHelp, operationHelp } from "./helpText.js";
import { escapeHtml, scriptJson } from "./html.js";

/** The editor script's parts (plain browser JavaScript sharing one scope), in load order. */
const BROWSER_SCRIPTS = ["fields.js", "testConnection.js", "queuePicker.js", "registerTypes.js"];
const BROWSER_STYLES = "editor.css";

/**
 * The node set's editor file (the .html Node-RED serves beside the node's
 * .js): the node type model generated from the manifest and schemas, the
 * editor script that registers the types from it, and per type the form
 * template and help text.
 */
export function editorHtml(source: SchemaSource, browserDir: string): string {
  const types = nodeTypes(source);
  const model = editorModel(source.manifest, types);
  const read = (file: string): string => readFileSync(path.join(browserDir, file), "utf8");
  const script = BROWSER_SCRIPTS.map(read).join("\n");
  const parts = [
    `<!-- Generated from manifest.json and schemas/ by scripts/build-node-red.mjs; do not edit. -->`,
    `<style>\n${read(BROWSER_STYLES)}</style>`,
    `<script type="text/javascript">\n(function (model) {\n"use strict";\n${script}\nregisterTypes(model);\n})(${scriptJson(model)});\n</script>`,
  ];
  const help = new Map<string, string>([
    [types.connection.type, connectionHelp(types.connection)],
    ...types.operations.map((operation): [string, string] => [operation.type, operationHelp(operation, source)]),
  ]);
  for (const nodeType of model.types) {
    const name = escapeHtml(nodeType.type);
    parts.push(`<script type="text/html" data-template-name="${name}">\n${formTemplate(nodeType)}\n</script>`);
    parts.push(`<script type="text/html" data-help-name="${name}">\n${help.get(nodeType.type) ?? ""}\n</script>`);
  }
  return parts.join("\n") + "\n";
}
