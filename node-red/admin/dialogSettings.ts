import { ConnectorError } from "../../connector/index.js";
import type { FieldSpec } from "../fields/fieldSpecs.js";
import { settingsFrom } from "../fields/propertyValues.js";

/**
 * What Node-RED's editor shows in a password field whose credential is stored
 * on the server but was not sent to the browser.
 */
export const STORED_SECRET_PLACEHOLDER = "__PWRD__";

/** A connection as an edit dialog has it: form values, and secrets typed or left at the placeholder. */
export interface DialogConnection {
  properties: Record<string, unknown>;
  credentials: Record<string, unknown>;
}

/** The deployed config node's values, where the placeholder's secrets come from. */
export interface StoredConnection {
  properties: Record<string, unknown>;
  credentials: Record<string, unknown>;
}

/**
 * Connection settings for a test or a queue listing from the designer: the
 * dialog's values, with each placeholder replaced by the deployed node's
 * stored secret. A stored secret is used only while every URL field (the
 * endpoints) still has its deployed value, so nobody can have it sent to an
 * endpoint of their choosing without typing it in again.
 */
export function dialogSettings(
  fields: readonly FieldSpec[],
  dialog: DialogConnection,
  stored: StoredConnection | undefined,
): Record<string, unknown> {
  const values = settingsFrom(fields, dialog.properties);
  const deployed = stored === undefined ? undefined : settingsFrom(fields, stored.properties);
  const credentials: Record<string, unknown> = {};
  for (const field of fields.filter((f) => f.secret)) {
    const value = dialog.credentials[field.name];
    if (value !== STORED_SECRET_PLACEHOLDER) {
      credentials[field.name] = value;
      continue;
    }
    if (stored === undefined || deployed === undefined) continue;
    const moved = fields.find((f) => f.url && values[f.name] !== deployed[f.name]);
    if (moved !== undefined) {
      throw new ConnectorError(
        "CONFIG_INVALID",
        `${field.title}: type it in again to use it with a changed ${moved.title}; the stored one is only used with the deployed endpoints.`,
        { field: field.name },
      );
    }
    credentials[field.name] = stored.credentials[field.name];
  }
  return settingsFrom(fields, dialog.properties, credentials);
}

/** The request body's connection part, checked for shape (the editor sends plain objects). */
export function dialogConnection(body: unknown): DialogConnection {
  const record = (value: unknown): Record<string, unknown> =>
    value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const request = record(body);
  return { properties: record(request["properties"]), credentials: record(request["credentials"]) };
}
