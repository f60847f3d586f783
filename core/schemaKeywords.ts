import type { Ajv2020, CodeKeywordDefinition, KeywordCxt } from "ajv/dist/2020.js";
import { isErrorCode } from "./errorCodes.js";

/*
 * The `x-*` keywords our schemas carry for hosts (forms) and for error mapping,
 * each a real ajv keyword: a metaSchema for the shape of its value, and a
 * compile-time check of what it refers to. They generate no validation code, so
 * they cost nothing per document, and a typo (an unknown error code, an
 * undeclared group, a visibility rule on a missing field or value) fails schema
 * compilation: `npm run build` (scripts/check-schemas.mjs) and the tests.
 * Kept in this one module, free of registry state, so validators compiled ahead
 * of time (ajv standalone) take the same definitions with them.
 */

/** Widgets a host draws for `x-widget` (Node-RED: node-red/fields/fieldSpecs.ts). */
export const WIDGETS = ["password", "textarea"] as const;
/** `x-browse`: which browse result fills the field: a queue's name or its URL, or a stream's name. */
export const BROWSE_TARGETS = ["name", "queueUrl", "streamName"] as const;

type Schema = Record<string, unknown>;

const stringMap = { type: "object", additionalProperties: { type: "string" } };

export const SCHEMA_KEYWORDS: readonly CodeKeywordDefinition[] = [
  {
    keyword: "x-order",
    metaSchema: { type: "number" },
    code: () => {},
  },
  {
    keyword: "x-groups",
    metaSchema: {
      type: "array",
      items: {
        type: "object",
        required: ["id", "title"],
        additionalProperties: false,
        properties: { id: { type: "string" }, title: { type: "string" } },
      },
    },
    code(cxt) {
      const ids = (cxt.schema as Array<{ id: string }>).map((group) => group.id);
      const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
      if (repeated !== undefined) fail(cxt, `group "${repeated}" is declared twice`);
    },
  },
  {
    keyword: "x-group",
    metaSchema: { type: "string" },
    code(cxt) {
      const declared = ((rootSchema(cxt)["x-groups"] ?? []) as Array<{ id: string }>).map((group) => group.id);
      if (!declared.includes(cxt.schema as string)) {
        fail(cxt, `group "${String(cxt.schema)}" is not declared in the schema's x-groups (${listed(declared)})`);
      }
    },
  },
  {
    keyword: "x-visibleWhen",
    metaSchema: { type: "object", minProperties: 1, additionalProperties: { type: "array", minItems: 1 } },
    code(cxt) {
      const properties = (rootSchema(cxt)["properties"] ?? {}) as Record<string, Schema>;
      for (const [field, values] of Object.entries(cxt.schema as Record<string, unknown[]>)) {
        const controller = properties[field];
        if (controller === undefined) fail(cxt, `names the field "${field}", which the schema does not have`);
        const allowed = allowedValues(controller);
        if (allowed === undefined) fail(cxt, `names the field "${field}", which has no enum or const to compare with`);
        const unknown = values.filter((value) => !allowed.includes(value));
        if (unknown.length > 0) fail(cxt, `lists ${listed(unknown)} for "${field}", which accepts only ${listed(allowed)}`);
      }
    },
  },
  {
    keyword: "x-enumLabels",
    metaSchema: stringMap,
    code(cxt) {
      const allowed = allowedValues(cxt.parentSchema) ?? allowedValues(objectAt(cxt.parentSchema["items"]));
      if (allowed === undefined) fail(cxt, "labels values, but the schema (or its items) has no enum");
      const unknown = Object.keys(cxt.schema as Record<string, string>).filter((key) => !allowed.includes(key));
      if (unknown.length > 0) fail(cxt, `labels ${listed(unknown)}, which the enum does not list`);
    },
  },
  {
    keyword: "x-widget",
    metaSchema: { enum: WIDGETS },
    code: () => {},
  },
  {
    keyword: "x-browse",
    metaSchema: { enum: BROWSE_TARGETS },
    code: () => {},
  },
  {
    keyword: "x-errors",
    metaSchema: {
      type: "object",
      additionalProperties: {
        type: "object",
        required: ["code"],
        additionalProperties: false,
        properties: { code: { type: "string" }, hint: { type: "string" } },
      },
    },
    code(cxt) {
      for (const [keyword, rule] of Object.entries(cxt.schema as Record<string, { code: string }>)) {
        // Keys name the failing validation keyword (core/validation.ts), or "default".
        if (keyword !== "default" && cxt.it.self.RULES.all[keyword] === undefined) {
          fail(cxt, `maps "${keyword}", which is not a JSON Schema keyword (or "default")`);
        }
        if (!isErrorCode(rule.code)) fail(cxt, `${keyword} names the code "${rule.code}", which core/errorCodes.ts does not define`);
      }
    },
  },
  {
    // json-schema-to-typescript's override of a generated type (npm run generate).
    keyword: "tsType",
    metaSchema: { type: "string", minLength: 1 },
    code: () => {},
  },
];

/** Registers every keyword above with an ajv instance (before any schema is added). */
export function addSchemaKeywords(ajv: Pick<Ajv2020, "addKeyword">): void {
  for (const definition of SCHEMA_KEYWORDS) ajv.addKeyword(definition);
}

/** The schema file the keyword sits in, as written. */
function rootSchema(cxt: KeywordCxt): Schema {
  return objectAt(cxt.it.schemaEnv.root.schema) ?? {};
}

function allowedValues(schema: Schema | undefined): unknown[] | undefined {
  if (schema === undefined) return undefined;
  if (Array.isArray(schema["enum"])) return schema["enum"] as unknown[];
  return "const" in schema ? [schema["const"]] : undefined;
}

function objectAt(value: unknown): Schema | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Schema) : undefined;
}

function listed(values: readonly unknown[]): string {
  return values.length === 0 ? "none" : values.map((value) => JSON.stringify(value)).join(", ");
}

/** Stops compilation naming the file, the path inside it and the keyword, so the typo is found at once. */
function fail(cxt: KeywordCxt, problem: string): never {
  const env = cxt.it.schemaEnv;
  // A subschema ajv compiled on its own (a $ref target) has paths relative to itself.
  const base = env === env.root ? "" : (pointerTo(env.schema, env.root.schema) ?? "");
  throw new Error(`${env.root.baseId}#${base}${cxt.it.errSchemaPath.replace(/^[^#]*#/, "")}/${cxt.keyword} ${problem}.`);
}

/** The JSON pointer of `target` inside `node`, found by identity. */
function pointerTo(target: unknown, node: unknown, at = ""): string | undefined {
  if (node === target) return at;
  if (node === null || typeof node !== "object") return undefined;
  for (const [key, child] of Object.entries(node)) {
    const found = pointerTo(target, child, `${at}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
    if (found !== undefined) return found;
  }
  return undefined;
}
