import { checkedEndpoint, effectiveRegion } from "../../core/endpoints.js";
import { regionalHost } from "../../core/partitions.js";
import { ConnectorError } from "../../core/errors.js";
import type { ValidatedRolesAnywhereSettings } from "./rolesAnywhereSettings.js";

/** Everything CreateSession needs from the connection, checked for consistency. */
export interface SessionSettings {
  readonly trustAnchorArn: string;
  readonly profileArn: string;
  readonly roleArn: string;
  /** The region of the trust anchor and profile: the service only finds them in its own region. */
  readonly region: string;
  /** `POST` goes to this URL (path ends in `/sessions`). */
  readonly url: URL;
  readonly sessionName: string | undefined;
  readonly durationSeconds: number;
}

/**
 * Cross-checks validated Roles Anywhere settings (each field's form, range and
 * default come from the schema) and works out where CreateSession goes; throws
 * CONFIG_INVALID naming the field.
 */
export function sessionSettings(settings: ValidatedRolesAnywhereSettings): SessionSettings {
  const { trustAnchorArn, profileArn, roleArn } = settings;
  const anchorRegion = arnRegion(trustAnchorArn);
  const profileRegion = arnRegion(profileArn);
  if (profileRegion !== anchorRegion) {
    throw invalid(
      "profileArn",
      `profileArn is in ${profileRegion} but trustAnchorArn is in ${anchorRegion}: a Roles Anywhere profile and trust anchor must be in the same region.`,
    );
  }
  return {
    trustAnchorArn,
    profileArn,
    roleArn,
    region: anchorRegion,
    url: sessionsUrl(settings, anchorRegion),
    sessionName: settings.sessionName,
    durationSeconds: settings.durationSeconds,
  };
}

/**
 * An endpoint override (VPC endpoint, FIPS, tests) is taken as given. Otherwise the
 * host name comes from the Roles Anywhere region, which must then be the ARNs'
 * region, or every call would fail with a "not found" the builder cannot explain.
 */
function sessionsUrl(settings: ValidatedRolesAnywhereSettings, anchorRegion: string): URL {
  if (settings.rolesAnywhereEndpoint !== undefined) {
    const base = checkedEndpoint(settings.rolesAnywhereEndpoint, "rolesAnywhereEndpoint");
    const url = new URL(base.href);
    url.pathname = `${base.pathname.replace(/\/+$/, "")}/sessions`;
    url.search = "";
    url.hash = "";
    return url;
  }
  const custom = settings.rolesAnywhereCustomRegion;
  const region = effectiveRegion(settings.rolesAnywhereRegion, custom, anchorRegion);
  if (region !== anchorRegion) {
    const field = custom !== undefined ? "rolesAnywhereCustomRegion" : "rolesAnywhereRegion";
    throw invalid(
      field,
      `trustAnchorArn and profileArn are in ${anchorRegion}, but ${field} is ${region}: choose ${anchorRegion} as the Roles Anywhere region${field === "rolesAnywhereCustomRegion" ? " (or clear the custom region)" : ""}.`,
    );
  }
  return new URL(`https://${regionalHost("rolesanywhere", region)}/sessions`);
}

/** arn:<partition>:rolesanywhere:<region>:<account>:<resource>; the schema's pattern guarantees the region part. */
function arnRegion(arn: string): string {
  return arn.split(":")[3] ?? "";
}

function invalid(field: string, message: string): ConnectorError {
  return new ConnectorError("CONFIG_INVALID", message, { field, step: "config" });
}
