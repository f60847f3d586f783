import type { ErrorObject } from "ajv";
import { isErrorCode, type ErrorCode } from "./errorCodes.js";
import { nearestName } from "./nearestName.js";
import { ConnectorError, documentError, type DocumentError } from "./errors.js";
import { schemaRegistry, type SchemaRegistry } from "./schemaRegistry.js";

/** `x-errors` in a schema: which code and hint a failing keyword maps to. */
interface ErrorRule {
  code: string;
  hint?: string;
}
type ErrorRules = Record<string, ErrorRule>;

export type ValidationOutcome<T> = { ok: true; value: T } | { ok: false; error: DocumentError };

/**
 * Validates a value against a schema file and turns the first failure into a
 * DocumentError whose code comes from the schema's `x-errors` (default
 * `fallbackCode`) and whose message names the field and says what to do.
 */
export function validateAgainst<T>(
  schemaFile: string,
  value: unknown,
  fallbackCode: ErrorCode,
  registry: SchemaRegistry = schemaRegistry(),
): ValidationOutcome<T> {
  const validate = registry.validator(schemaFile);
  if (validate(value)) return { ok: true, value: value as T };
  return { ok: false, error: describeFailure(validate.errors ?? [], schemaFile, fallbackCode, registry) };
}

/** Validates a connection or operation config (on a copy, with defaults filled) or throws CONFIG_INVALID. */
export function validateConfig<T>(schemaFile: string, value: unknown, what: string): T {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ConnectorError("CONFIG_INVALID", `${what} must be a JSON object.`, { step: "config" });
  }
  const copy = structuredClone(value);
  const outcome = validateAgainst<T>(schemaFile, copy, "CONFIG_INVALID");
  if (outcome.ok) return outcome.value;
  throw new ConnectorError(outcome.error.code, `${what}: ${outcome.error.message}`, {
    field: outcome.error.field,
    step: "config",
  });
}

function describeFailure(errors: ErrorObject[], schemaFile: string, fallbackCode: ErrorCode, registry: SchemaRegistry): DocumentError {
  const candidates = errors.map((error) => ({ error, ...schemaFacts(error, schemaFile, registry) }));
  // Prefer an error whose keyword a schema maps explicitly (e.g. minLength of a body
  // string); otherwise report an anyOf as a whole rather than one branch's type mismatch.
  const chosen =
    candidates.find((c) => c.rules?.[c.error.keyword] !== undefined) ??
    candidates.find((c) => ["anyOf", "oneOf"].includes(c.error.keyword)) ??
    candidates[0];
  if (chosen === undefined) return documentError(fallbackCode, "The value is not valid.");
  const { error, rules, fieldSchema } = chosen;
  const rule = rules?.[error.keyword] ?? rules?.["default"];
  const code = rule !== undefined && isErrorCode(rule.code) ? rule.code : fallbackCode;
  const field = fieldOf(error);
  const description = fieldSchema?.["description"];
  const hint = rule?.hint ?? (typeof description === "string" ? description : undefined);
  const condition = conditionOf(error, schemaFile, registry);
  const message = `${field === "" ? "The document" : field} ${problemOf(error)}${condition}${hint ? `: ${hint}` : "."}`;
  return documentError(code, message, field === "" ? {} : { field });
}

/** Path segments of the failing field, including a missing or unknown property's name. */
function fieldSegments(error: ErrorObject): string[] {
  const segments = instanceSegments(error);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required") segments.push(String(params["missingProperty"]));
  if (error.keyword === "additionalProperties") segments.push(String(params["additionalProperty"]));
  if (error.propertyName !== undefined) segments.push(error.propertyName);
  return segments;
}

function instanceSegments(error: ErrorObject): string[] {
  return error.instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** The field as a dotted path (`messageAttributes.unit.DataType`); empty for the root. */
function fieldOf(error: ErrorObject): string {
  return fieldSegments(error).join(".");
}

function problemOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return "is required";
    case "additionalProperties":
      return "is not a known field";
    case "type":
      return `must be of type ${String(params["type"]).replace(",", " or ")}`;
    case "enum": {
      const allowed = params["allowedValues"] as unknown[];
      const near = typeof error.data === "string" ? nearestName(error.data, allowed.map(String)) : undefined;
      return `must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}${near === undefined ? "" : ` (did you mean "${near}"?)`}`;
    }
    case "pattern":
    case "format":
      return "is not in the accepted form";
    case "minLength":
      return Number(params["limit"]) === 1 ? "must not be empty" : `must be at least ${String(params["limit"])} characters`;
    case "maxLength":
      return `must be at most ${String(params["limit"])} characters`;
    case "maxProperties":
    case "maxItems":
      return `must have at most ${String(params["limit"])} entries`;
    case "minItems":
      return `must have at least ${String(params["limit"])} ${Number(params["limit"]) === 1 ? "entry" : "entries"}`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
    case "multipleOf":
    case "const":
      return error.message ?? "is not valid";
    default:
      return "is not valid";
  }
}

/** " (when authType is rolesAnywhere)" for a failure inside an if/then rule. */
function conditionOf(error: ErrorObject, schemaFile: string, registry: SchemaRegistry): string {
  const match = /^(.*)\/then\//.exec(error.schemaPath);
  if (match === null) return "";
  const branch = nodeAt(error.schemaPath.slice(0, match[1]!.length), schemaFile, registry);
  const condition = (branch?.["if"] as Record<string, unknown> | undefined)?.["properties"];
  if (condition === undefined || condition === null) return "";
  const parts = Object.entries(condition as Record<string, Record<string, unknown>>)
    .filter(([, rule]) => rule["const"] !== undefined)
    .map(([name, rule]) => `${name} is ${String(rule["const"])}`);
  return parts.length === 0 ? "" : ` when ${parts.join(" and ")}`;
}

/**
 * Walks the schema along the failing field's path (following $refs), collecting the
 * innermost `x-errors` and the field's own schema, whose description serves as the
 * hint for config errors. Walking the instance path keeps this independent of how
 * ajv reports schema paths across $refs.
 */
function schemaFacts(
  error: ErrorObject,
  schemaFile: string,
  registry: SchemaRegistry,
): { rules: ErrorRules | undefined; fieldSchema: Record<string, unknown> | undefined } {
  const rootKey = schemaFile.slice("schemas/".length);
  let node = resolve(registry.schemaByKey(rootKey), rootKey, registry);
  let rules = node?.schema["x-errors"] as ErrorRules | undefined;
  for (const segment of instanceSegments(error)) {
    node = resolve(childSchema(node?.schema, segment), node?.base ?? rootKey, registry);
    const nodeRules = node?.schema["x-errors"] as ErrorRules | undefined;
    if (nodeRules !== undefined) rules = nodeRules;
  }
  if (error.propertyName !== undefined) {
    // An attribute name failed: the rules of `propertyNames` apply.
    node = resolve(objectOrUndefined(node?.schema["propertyNames"]), node?.base ?? rootKey, registry);
    rules = (node?.schema["x-errors"] as ErrorRules | undefined) ?? rules;
  } else if (error.keyword === "required" || error.keyword === "additionalProperties") {
    // The object's rules apply; the missing property's own schema gives the hint.
    const name = fieldSegments(error).at(-1) ?? "";
    node = resolve(childSchema(node?.schema, name), node?.base ?? rootKey, registry);
  }
  return { rules, fieldSchema: node?.schema };
}

function childSchema(schema: Record<string, unknown> | undefined, name: string): Record<string, unknown> | undefined {
  if (schema === undefined) return undefined;
  const properties = objectOrUndefined(schema["properties"]);
  return objectOrUndefined(properties?.[name]) ?? objectOrUndefined(schema["additionalProperties"]) ?? objectOrUndefined(schema["items"]);
}

function objectOrUndefined(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
}

/** Follows `$ref`s (local or `file.json#/...`), keeping track of which file a node is in. */
function resolve(
  schema: Record<string, unknown> | undefined,
  base: string,
  registry: SchemaRegistry,
): { schema: Record<string, unknown>; base: string } | undefined {
  let current = schema;
  let currentBase = base;
  for (let hops = 0; current !== undefined && typeof current["$ref"] === "string" && hops < 8; hops++) {
    const ref = current["$ref"];
    const hash = ref.indexOf("#");
    const file = hash > 0 ? ref.slice(0, hash) : hash === 0 ? currentBase : ref;
    const target = nodeAt(`${file}${hash >= 0 ? ref.slice(hash) : "#"}`, `schemas/${file}`, registry);
    // Keywords beside the $ref (title, default, x-errors) override the target's.
    current = target === undefined ? undefined : { ...target, ...withoutRef(current) };
    currentBase = file;
  }
  return current === undefined ? undefined : { schema: current, base: currentBase };
}

function withoutRef(schema: Record<string, unknown>): Record<string, unknown> {
  const { $ref: _ref, ...rest } = schema;
  return rest;
}

function nodeAt(schemaPath: string, schemaFile: string, registry: SchemaRegistry): Record<string, unknown> | undefined {
  const [base, pointer] = splitSchemaPath(schemaPath, schemaFile);
  let node: unknown = registry.schemaByKey(base);
  for (const segment of pointer) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node as Record<string, unknown> | undefined;
}

/** `common.json#/$defs/x/pattern` -> ["common.json", ["$defs", "x", "pattern"]]; local paths use the validated file. */
function splitSchemaPath(schemaPath: string, schemaFile: string): [string, string[]] {
  const hash = schemaPath.indexOf("#");
  const base = hash > 0 ? schemaPath.slice(0, hash) : schemaFile.slice("schemas/".length);
  const pointer = schemaPath
    .slice(hash + 1)
    .split("/")
    .slice(1)
    .map((s) => decodeURIComponent(s).replace(/~1/g, "/").replace(/~0/g, "~"));
  return [base, pointer];
}
