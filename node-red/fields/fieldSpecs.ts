/**
 * Reads an object schema (with its UI hints) into the list of form fields a
 * Node-RED node shows and stores. Both the editor generator and the runtime use
 * it, so the form, the stored properties and the values handed to the
 * connector always agree with the schema.
 */

type JsonSchema = Record<string, unknown>;

/** How a field is edited and how its stored value is converted back. */
export type FieldKind = "text" | "textarea" | "select" | "multiselect" | "list" | "integer" | "number" | "checkbox";

export interface FieldOption {
  value: string;
  label: string;
}

/** Field name -> the values of another field under which it applies. */
export type FieldCondition = Record<string, string[]>;

export interface FieldSpec {
  name: string;
  title: string;
  description?: string;
  kind: FieldKind;
  /** writeOnly in the schema: stored as a Node-RED credential of type password. */
  secret: boolean;
  default?: unknown;
  options?: FieldOption[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  /** Words a number field also takes (`anyOf` of a number and consts, e.g. concurrency's "auto"). */
  words?: string[];
  /** x-group: the id of the section the field is shown in. */
  group?: string;
  visibleWhen?: FieldCondition;
  /** Always required (the schema's `required`). */
  required: boolean;
  /** Required while these conditions hold (`allOf: [{if: {const}, then: {required}}]`). */
  requiredWhen?: FieldCondition;
  /** Names of the fields of which at least one must be set (`anyOf: [{required: [a]}, {required: [b]}]`). */
  oneOfRequired?: string[];
  /** x-browse: what a picker fills in: a queue's "name" or "url", or a stream's name ("streamName"). */
  browse?: "name" | "url" | "streamName";
  /** A URL (format uri): where requests, and so signatures and tokens, are sent. */
  url: boolean;
  /**
   * A field of an object-valued property (largePayload.bucket): `name` is
   * "<parent>_<key>" (Node-RED reads inputs by id, where a dot would not do);
   * the runtime puts it back into the object.
   */
  nested?: { parent: string; key: string };
}

export interface FieldGroup {
  id: string;
  title: string;
}

export interface FormSpec {
  title: string;
  description?: string;
  groups: FieldGroup[];
  fields: FieldSpec[];
}

/** Resolves `file.json#/pointer` references; `schemas` is keyed by file name as refs name them. */
export type SchemaLookup = (file: string) => JsonSchema | undefined;

export function formSpec(schema: JsonSchema, lookup: SchemaLookup): FormSpec {
  const properties = (schema["properties"] ?? {}) as Record<string, JsonSchema>;
  const groups = ((schema["x-groups"] ?? []) as FieldGroup[]).map(({ id, title }) => ({ id, title }));
  const flat: FieldSpec[] = [];
  const nested: FieldSpec[] = [];
  for (const [name, raw] of ordered(properties, lookup)) {
    const property = resolved(raw, lookup);
    if (property["type"] !== "object" || property["properties"] === undefined) {
      flat.push(fieldSpec(name, property, schema));
      continue;
    }
    // An object of fields (largePayload) becomes a section of its own, after the plain fields.
    groups.push({ id: name, title: typeof property["title"] === "string" ? property["title"] : name });
    const base = typeof raw["$ref"] === "string" ? raw["$ref"].split("#")[0]! : "";
    const children = (property["properties"] ?? {}) as Record<string, JsonSchema>;
    for (const [key, child] of ordered(children, lookup, base)) {
      const field = fieldSpec(`${name}_${key}`, resolved(relative(child, base), lookup), {});
      nested.push({ ...field, group: name, nested: { parent: name, key } });
    }
  }
  return {
    title: typeof schema["title"] === "string" ? schema["title"] : "",
    ...(typeof schema["description"] === "string" ? { description: schema["description"] } : {}),
    groups,
    fields: [...flat, ...nested],
  };
}

/** Properties in x-order (ties in schema order). */
function ordered(properties: Record<string, JsonSchema>, lookup: SchemaLookup, base = ""): Array<[string, JsonSchema]> {
  const order = (raw: JsonSchema): number => {
    const own = raw["x-order"];
    if (typeof own === "number") return own;
    const target = resolved(relative(raw, base), lookup)["x-order"];
    return typeof target === "number" ? target : Number.MAX_SAFE_INTEGER;
  };
  return Object.entries(properties)
    .map((entry, position) => ({ entry, position, order: order(entry[1]) }))
    .sort((a, b) => a.order - b.order || a.position - b.position)
    .map(({ entry }) => entry);
}

/** A `$ref` local to another file ("#/$defs/x" inside common.json) as one naming that file. */
function relative(property: JsonSchema, base: string): JsonSchema {
  const ref = property["$ref"];
  return typeof ref === "string" && ref.startsWith("#") && base !== "" ? { ...property, $ref: `${base}${ref}` } : property;
}

function fieldSpec(name: string, schema: JsonSchema, parent: JsonSchema): FieldSpec {
  const required = new Set((parent["required"] ?? []) as string[]);
  schema = numberOrWords(schema);
  const field: FieldSpec = {
    name,
    title: typeof schema["title"] === "string" ? schema["title"] : name,
    kind: kindOf(schema),
    secret: schema["writeOnly"] === true,
    required: required.has(name),
    url: schema["format"] === "uri",
  };
  if (typeof schema["description"] === "string") field.description = schema["description"];
  if (schema["default"] !== undefined) field.default = schema["default"];
  const options = optionsOf(schema);
  if (options !== undefined) field.options = options;
  if (typeof schema["pattern"] === "string") field.pattern = schema["pattern"];
  if (typeof schema["minimum"] === "number") field.minimum = schema["minimum"];
  if (typeof schema["maximum"] === "number") field.maximum = schema["maximum"];
  if (Array.isArray(schema["x-words"])) field.words = schema["x-words"] as string[];
  if (typeof schema["x-group"] === "string") field.group = schema["x-group"];
  if (schema["x-visibleWhen"] !== undefined) field.visibleWhen = schema["x-visibleWhen"] as FieldCondition;
  const condition = conditionalRequirements(parent).get(name);
  if (condition !== undefined) field.requiredWhen = condition;
  const alternatives = alternativeRequirements(parent).find((names) => names.includes(name));
  if (alternatives !== undefined) field.oneOfRequired = alternatives;
  const browse = BROWSE[String(schema["x-browse"])];
  if (browse !== undefined) field.browse = browse;
  return field;
}

/** x-browse values and what the picker fills in for each. */
const BROWSE: Readonly<Record<string, FieldSpec["browse"]>> = { name: "name", queueUrl: "url", streamName: "streamName" };

function kindOf(schema: JsonSchema): FieldKind {
  switch (schema["type"]) {
    case "integer":
      return "integer";
    case "number":
      return "number";
    case "boolean":
      return "checkbox";
    case "array":
      return Array.isArray((schema["items"] as JsonSchema | undefined)?.["enum"]) ? "multiselect" : "list";
  }
  if (Array.isArray(schema["enum"])) return "select";
  return schema["x-widget"] === "textarea" ? "textarea" : "text";
}

function optionsOf(schema: JsonSchema): FieldOption[] | undefined {
  const source = schema["type"] === "array" ? ((schema["items"] ?? {}) as JsonSchema) : schema;
  if (!Array.isArray(source["enum"])) return undefined;
  const labels = (source["x-enumLabels"] ?? schema["x-enumLabels"] ?? {}) as Record<string, string>;
  return (source["enum"] as string[]).map((value) => ({ value, label: labels[value] ?? value }));
}

/**
 * A property schema with its `$ref` target merged in. Siblings of the ref win
 * (titles, defaults, UI hints), except that numeric bounds combine as JSON
 * Schema does: both apply, so the stricter one counts.
 */
function resolved(property: JsonSchema, lookup: SchemaLookup): JsonSchema {
  const ref = property["$ref"];
  if (typeof ref !== "string") return property;
  const [file, pointer = ""] = ref.split("#");
  const document = lookup(file!);
  if (document === undefined) throw new Error(`Unresolvable $ref ${ref}`);
  const target = pointer
    .split("/")
    .slice(1)
    .reduce<JsonSchema | undefined>((node, key) => node?.[key] as JsonSchema | undefined, document);
  if (target === undefined) throw new Error(`Unresolvable $ref ${ref}`);
  const { $ref: _ref, ...siblings } = property;
  const merged: JsonSchema = { ...resolved(target, lookup), ...siblings };
  const minimum = [target["minimum"], property["minimum"]].filter((n): n is number => typeof n === "number");
  const maximum = [target["maximum"], property["maximum"]].filter((n): n is number => typeof n === "number");
  if (minimum.length > 0) merged["minimum"] = Math.max(...minimum);
  if (maximum.length > 0) merged["maximum"] = Math.min(...maximum);
  return merged;
}

/**
 * `anyOf: [{type: integer, minimum, maximum}, {const: "auto"}]` (a number, or a
 * word standing for a behaviour) as one number field that also takes the words
 * (under `x-words` here); bounds beside the anyOf combine with the branch's.
 */
function numberOrWords(schema: JsonSchema): JsonSchema {
  const branches = schema["anyOf"];
  if (!Array.isArray(branches)) return schema;
  const number = (branches as JsonSchema[]).find((branch) => branch["type"] === "integer" || branch["type"] === "number");
  const words = (branches as JsonSchema[]).map((branch) => branch["const"]).filter((word): word is string => typeof word === "string");
  if (number === undefined || words.length + 1 !== branches.length) return schema;
  const { anyOf: _anyOf, ...rest } = schema;
  const merged: JsonSchema = { ...number, ...rest, "x-words": words };
  const minimum = [number["minimum"], schema["minimum"]].filter((n): n is number => typeof n === "number");
  const maximum = [number["maximum"], schema["maximum"]].filter((n): n is number => typeof n === "number");
  if (minimum.length > 0) merged["minimum"] = Math.max(...minimum);
  if (maximum.length > 0) merged["maximum"] = Math.min(...maximum);
  return merged;
}

/** `allOf: [{if: {properties: {x: {const: v}}}, then: {required: [...]}}]` -> field -> {x: [v, ...]}. */
function conditionalRequirements(schema: JsonSchema): Map<string, FieldCondition> {
  const result = new Map<string, FieldCondition>();
  for (const rule of (schema["allOf"] ?? []) as JsonSchema[]) {
    const conditions = ((rule["if"] as JsonSchema | undefined)?.["properties"] ?? {}) as Record<string, JsonSchema>;
    const then = (rule["then"] ?? {}) as JsonSchema;
    for (const [controller, condition] of Object.entries(conditions)) {
      if (typeof condition["const"] !== "string") continue;
      for (const name of (then["required"] ?? []) as string[]) {
        const existing = result.get(name) ?? {};
        existing[controller] = [...(existing[controller] ?? []), condition["const"]];
        result.set(name, existing);
      }
    }
  }
  return result;
}

/** `anyOf: [{required: [a]}, {required: [b]}]` -> [[a, b]]: at least one of them must be set. */
function alternativeRequirements(schema: JsonSchema): string[][] {
  const alternatives = (schema["anyOf"] ?? []) as JsonSchema[];
  const names = alternatives.map((member) =>
    Object.keys(member).length === 1 && Array.isArray(member["required"]) ? (member["required"] as string[]) : [],
  );
  if (names.length === 0 || names.some((list) => list.length !== 1)) return [];
  return [names.map((list) => list[0]!)];
}
