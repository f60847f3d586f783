import { ConnectorError } from "../../core/errors.js";
import type { ConnectionConfig } from "../../core/types.js";
import { validateConfig } from "../../core/validation.js";

/**
 * The connection fields IAM Roles Anywhere reads: those the connection schema
 * shows only for `rolesAnywhere`, plus the request settings CreateSession
 * honours (attempts, timeout). A test checks this list against the schema.
 */
export const ROLES_ANYWHERE_FIELDS = [
  "trustAnchorArn",
  "profileArn",
  "roleArn",
  "certificate",
  "certificateChain",
  "privateKey",
  "privateKeyPassphrase",
  "rolesAnywhereRegion",
  "rolesAnywhereCustomRegion",
  "sessionName",
  "durationSeconds",
  "rolesAnywhereEndpoint",
  "maxAttempts",
  "requestTimeoutSeconds",
] as const satisfies ReadonlyArray<keyof ConnectionConfig>;

type RolesAnywhereField = (typeof ROLES_ANYWHERE_FIELDS)[number];

/** The Roles Anywhere settings, as a connection's fields of the same names take them (schemas/connection.json). */
export type RolesAnywhereSettings = Pick<ConnectionConfig, RolesAnywhereField>;

/** After validation: what the schema requires is present and its defaults are filled in. */
export type ValidatedRolesAnywhereSettings = RolesAnywhereSettings &
  Required<
    Pick<
      RolesAnywhereSettings,
      | "trustAnchorArn"
      | "profileArn"
      | "roleArn"
      | "certificate"
      | "rolesAnywhereRegion"
      | "durationSeconds"
      | "maxAttempts"
      | "requestTimeoutSeconds"
    >
  >;

/**
 * Validates Roles Anywhere settings against the connection schema's fields of the
 * same names, as a connection with `authType: "rolesAnywhere"` would be: the same
 * rules, defaults and messages. Throws CONFIG_INVALID naming the field, also for
 * a field that is not a Roles Anywhere setting.
 */
export function validatedRolesAnywhereSettings(settings: unknown, what = "Roles Anywhere settings"): ValidatedRolesAnywhereSettings {
  if (settings === null || typeof settings !== "object" || Array.isArray(settings)) {
    throw new ConnectorError("CONFIG_INVALID", `${what} must be an object of the connection's Roles Anywhere fields.`, { step: "config" });
  }
  const foreign = Object.keys(settings).find((name) => !(ROLES_ANYWHERE_FIELDS as readonly string[]).includes(name));
  if (foreign !== undefined) {
    throw new ConnectorError(
      "CONFIG_INVALID",
      `${what}: ${foreign} is not a Roles Anywhere setting; the settings are ${ROLES_ANYWHERE_FIELDS.join(", ")}.`,
      { field: foreign, step: "config" },
    );
  }
  const validated = validateConfig<ValidatedRolesAnywhereSettings & { authType: "rolesAnywhere" }>(
    "schemas/connection.json",
    { ...settings, authType: "rolesAnywhere" },
    what,
  );
  // The copy also holds the schema's defaults of other connection fields (region): keep only ours.
  return rolesAnywhereFields(validated);
}

/** The Roles Anywhere part of a connection config, validated; the connection's other fields are not Roles Anywhere's business. */
export function rolesAnywhereSettingsOf(config: RolesAnywhereSettings, what = "Connection"): ValidatedRolesAnywhereSettings {
  return validatedRolesAnywhereSettings(rolesAnywhereFields(config), what);
}

function rolesAnywhereFields<T extends RolesAnywhereSettings>(config: T): T {
  const present = ROLES_ANYWHERE_FIELDS.filter((name) => config[name] !== undefined);
  return Object.fromEntries(present.map((name) => [name, config[name]])) as T;
}
