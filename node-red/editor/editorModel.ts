import type { FieldGroup, FieldSpec } from "../fields/fieldSpecs.js";
import { STORED_SECRET_PLACEHOLDER } from "../admin/dialogSettings.js";
import type { Manifest } from "../../connector/index.js";
import { adminPath, type NodeTypes } from "../nodeTypes.js";
import { OUTPUTS } from "../runtime/resultMessages.js";

/** What the editor script needs to register one node type and drive its form. */
export interface EditorNodeType {
  type: string;
  category: string;
  /** Also the node's label when it has no name (followed by its queue, if set). */
  paletteLabel: string;
  inputs: number;
  outputs: number;
  outputLabels: string[];
  /** Flow nodes: the config node type of their `connection` property. */
  connectionType?: string;
  fields: FieldSpec[];
  groups: FieldGroup[];
}

export interface EditorModel {
  connectionType: string;
  /** Admin endpoint paths, relative to the editor (so Node-RED's httpAdminRoot and auth headers apply). */
  paths: { test: string; browse: string };
  storedSecretPlaceholder: string;
  color: string;
  icon: string;
  types: EditorNodeType[];
}

const COLOR = "#FF9900";
const ICON = "font-awesome/fa-envelope-o";

export function editorModel(manifest: Manifest, types: NodeTypes): EditorModel {
  const category = manifest.name;
  const connection: EditorNodeType = {
    type: types.connection.type,
    category: "config",
    paletteLabel: types.connection.title,
    inputs: 0,
    outputs: 0,
    outputLabels: [],
    fields: types.connection.form.fields,
    groups: types.connection.form.groups,
  };
  const operations = types.operations.map((nodeType): EditorNodeType => ({
    type: nodeType.type,
    category,
    paletteLabel: nodeType.operation.id,
    // A listener starts at deploy and runs until the flow stops: nothing to trigger it.
    inputs: nodeType.operation.kind === "listener" ? 0 : 1,
    outputs: OUTPUTS,
    outputLabels: [nodeType.operation.kind === "sink" ? "results" : "messages", "error results"],
    connectionType: types.connection.type,
    fields: [...nodeType.config.fields, ...nodeType.host],
    groups: nodeType.config.groups,
  }));
  return {
    connectionType: types.connection.type,
    paths: { test: adminPath(types.connection, "test").slice(1), browse: adminPath(types.connection, "browse").slice(1) },
    storedSecretPlaceholder: STORED_SECRET_PLACEHOLDER,
    color: COLOR,
    icon: ICON,
    types: [connection, ...operations],
  };
}
