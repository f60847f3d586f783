import type { FieldSpec } from "./fieldSpecs.js";

/**
 * Turns what Node-RED stores for a node (form strings, checkbox booleans,
 * multi-select arrays, the schema defaults it started from) into the values the
 * schema expects. Empty fields are left out so the schema's defaults apply, and
 * so are fields hidden by x-visibleWhen: a value the user can no longer see
 * (keys typed before switching to Roles Anywhere) must not take effect.
 * Values that do not convert are passed on as they are, so schema validation
 * names the field.
 */
export function settingsFrom(
  fields: readonly FieldSpec[],
  properties: Readonly<Record<string, unknown>>,
  credentials: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    const value = converted(field, field.secret ? credentials[field.name] : properties[field.name]);
    if (value !== undefined) values[field.name] = value;
  }
  for (const field of fields) {
    if (!isVisible(field, values, fields)) delete values[field.name];
  }
  return nestedBack(fields, values);
}

/**
 * Fields of an object property (largePayload_bucket) back into their object.
 * Values at their default do not count (Node-RED stores every field, so an
 * untouched section holds its defaults): the object is set only when one of
 * its fields was filled in, and the schema's defaults apply to the rest.
 */
function nestedBack(fields: readonly FieldSpec[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const field = fields.find((f) => f.name === name);
    if (field?.nested === undefined) {
      out[name] = value;
      continue;
    }
    if (JSON.stringify(value) === JSON.stringify(field.default)) continue;
    const object = (out[field.nested.parent] ??= {}) as Record<string, unknown>;
    object[field.nested.key] = value;
  }
  return out;
}

/** Whether a field applies given the other fields' values (missing ones count at their default). */
export function isVisible(field: FieldSpec, values: Readonly<Record<string, unknown>>, fields: readonly FieldSpec[]): boolean {
  if (field.visibleWhen === undefined) return true;
  return Object.entries(field.visibleWhen).every(([controller, allowed]) => {
    const value = values[controller] ?? fields.find((f) => f.name === controller)?.default;
    return typeof value === "string" && allowed.includes(value);
  });
}

function converted(field: FieldSpec, raw: unknown): unknown {
  if (raw === undefined || raw === null) return undefined;
  switch (field.kind) {
    case "checkbox":
      return raw === true || raw === "true";
    case "integer":
    case "number": {
      if (typeof raw === "number") return raw;
      const text = asText(raw).trim();
      if (text === "") return undefined;
      if (field.words?.includes(text) === true) return text;
      const number = Number(text);
      return Number.isFinite(number) ? number : text;
    }
    case "multiselect":
      return Array.isArray(raw) ? raw.map(asText) : [asText(raw)];
    case "list": {
      const items = (Array.isArray(raw) ? raw.map(asText) : asText(raw).split(","))
        .map((item) => item.trim())
        .filter((item) => item !== "");
      return items.length === 0 ? undefined : items;
    }
    default: {
      const text = asText(raw);
      if (text.trim() === "") return undefined;
      // Secrets are taken exactly as typed (a passphrase may end in a space); other text loses pasted padding.
      return field.secret ? text : text.trim();
    }
  }
}

/** A stored value as form text: strings as they are, numbers and booleans spelt out, anything else as JSON. */
function asText(raw: unknown): string {
  if (typeof raw === "string") return raw;
  if (typeof raw === "number" || typeof raw === "boolean") return String(raw);
  return JSON.stringify(raw) ?? "";
}
