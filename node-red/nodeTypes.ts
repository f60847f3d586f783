import { readFileSync } from "node:fs";
import path from "node:path";
import type { Manifest, OperationDescriptor } from "../connector/index.js";
import { formSpec, type FieldSpec, type FormSpec, type SchemaLookup } from "./fields/fieldSpecs.js";

/**
 * The Node-RED node types this package registers, derived from the manifest:
 * one config node for the connection and one flow node per operation, so an
 * operation added to manifest.json becomes a node without code here.
 */

/** Schema of the settings a Node-RED node adds to a source operation (how runs start). */
export const SOURCE_SETTINGS_SCHEMA = "schemas/node-red/source.settings.json";
/** Schema of the settings a Node-RED node adds to a listener operation (how long the flow may hold a message). */
export const LISTENER_SETTINGS_SCHEMA = "schemas/node-red/listener.settings.json";

/** The Node-RED-only settings schema of each operation kind that has one. */
const HOST_SETTINGS: Partial<Record<OperationDescriptor["kind"], string>> = {
  source: SOURCE_SETTINGS_SCHEMA,
  listener: LISTENER_SETTINGS_SCHEMA,
};

/** Properties every node of ours stores besides its schema fields. */
export const RESERVED_PROPERTIES = ["name", "connection", "type", "id", "x", "y", "z", "g", "d", "wires", "info", "inputs", "outputs"];

export interface ConnectionNodeType {
  type: string;
  title: string;
  form: FormSpec;
}

export interface OperationNodeType {
  type: string;
  operation: OperationDescriptor;
  /** The operation's configuration form (its config schema). */
  config: FormSpec;
  /** Node-RED-only settings (source nodes: the poll interval; listener nodes: the acknowledgement timeout). */
  host: FieldSpec[];
}

export interface NodeTypes {
  connection: ConnectionNodeType;
  operations: OperationNodeType[];
}

export interface SchemaSource {
  manifest: Manifest;
  /** Schemas keyed by path relative to the package root, as the manifest names them. */
  schemas: ReadonlyMap<string, Record<string, unknown>>;
}

export function nodeTypes({ manifest, schemas }: SchemaSource): NodeTypes {
  const lookup: SchemaLookup = (file) => schemas.get(`schemas/${file}`);
  const schema = (file: string): Record<string, unknown> => {
    const found = schemas.get(file);
    if (found === undefined) throw new Error(`The manifest names ${file}, which is not among the schemas`);
    return found;
  };
  const connection: ConnectionNodeType = {
    type: `${manifest.id}-connection`,
    title: `${manifest.name} connection`,
    form: checked(formSpec(schema(manifest.connection.schema), lookup), manifest.connection.schema),
  };
  const operations = manifest.operations.map((operation) => {
    const hostSchema = HOST_SETTINGS[operation.kind];
    return {
      type: `${manifest.id}-${operation.id}`,
      operation,
      config: checked(formSpec(schema(operation.config), lookup), operation.config),
      host: hostSchema === undefined ? [] : checked(formSpec(schema(hostSchema), lookup), hostSchema).fields,
    };
  });
  return { connection, operations };
}

/** Path of a designer endpoint below Node-RED's admin root; the editor script calls the same. */
export function adminPath(connectionType: ConnectionNodeType, action: "test" | "browse"): string {
  return `/${connectionType.type}/${action}`;
}

/** The schemas in this package, including the Node-RED settings schemas the connector does not load. */
export function withNodeRedSchemas(source: SchemaSource, root: string): SchemaSource {
  const schemas = new Map(source.schemas);
  for (const file of Object.values(HOST_SETTINGS)) {
    schemas.set(file, JSON.parse(readFileSync(path.join(root, file), "utf8")) as Record<string, unknown>);
  }
  return { manifest: source.manifest, schemas };
}

/** A schema property named like a Node-RED node property would silently overwrite it. */
function checked(form: FormSpec, file: string): FormSpec {
  const clash = form.fields.find((field) => RESERVED_PROPERTIES.includes(field.name));
  if (clash !== undefined) throw new Error(`${file}: property "${clash.name}" clashes with a Node-RED node property`);
  return form;
}
