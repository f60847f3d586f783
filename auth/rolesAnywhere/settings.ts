import { checkedEndpoint, effectiveRegion, partitionDnsSuffix } from "../../core/endpoints.js";
import { ConnectorError } from "../../core/errors.js";
import type { ConnectionConfig } from "../../core/types.js";

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

export const DEFAULT_DURATION_SECONDS = 3600;
const MIN_DURATION_SECONDS = 900;
const MAX_DURATION_SECONDS = 3600;

/** Reads and cross-checks the Roles Anywhere part of a connection; throws CONFIG_INVALID naming the field. */
export function sessionSettings(config: ConnectionConfig): SessionSettings {
  const trustAnchorArn = required(config.trustAnchorArn, "trustAnchorArn");
  const profileArn = required(config.profileArn, "profileArn");
  const roleArn = required(config.roleArn, "roleArn");
  const anchorRegion = arnRegion(trustAnchorArn, "trustAnchorArn");
  const profileRegion = arnRegion(profileArn, "profileArn");
  if (profileRegion !== anchorRegion) {
    throw invalid(
      "profileArn",
      `profileArn is in ${profileRegion} but trustAnchorArn is in ${anchorRegion}: a Roles Anywhere profile and trust anchor must be in the same region.`,
    );
  }
  const durationSeconds = config.durationSeconds ?? DEFAULT_DURATION_SECONDS;
  if (!Number.isInteger(durationSeconds) || durationSeconds < MIN_DURATION_SECONDS || durationSeconds > MAX_DURATION_SECONDS) {
    throw invalid(
      "durationSeconds",
      `durationSeconds must be a whole number from ${MIN_DURATION_SECONDS} to ${MAX_DURATION_SECONDS}; it is ${durationSeconds}.`,
    );
  }
  const sessionName = config.sessionName === undefined || config.sessionName === "" ? undefined : config.sessionName;
  return {
    trustAnchorArn,
    profileArn,
    roleArn,
    region: anchorRegion,
    url: sessionsUrl(config, anchorRegion),
    sessionName,
    durationSeconds,
  };
}

/**
 * An endpoint override (VPC endpoint, FIPS, tests) is taken as given. Otherwise the
 * host name comes from the Roles Anywhere region, which must then be the ARNs'
 * region, or every call would fail with a "not found" the builder cannot explain.
 */
function sessionsUrl(config: ConnectionConfig, anchorRegion: string): URL {
  if (config.rolesAnywhereEndpoint !== undefined && config.rolesAnywhereEndpoint !== "") {
    const base = checkedEndpoint(config.rolesAnywhereEndpoint, "rolesAnywhereEndpoint");
    const url = new URL(base.href);
    url.pathname = `${base.pathname.replace(/\/+$/, "")}/sessions`;
    url.search = "";
    url.hash = "";
    return url;
  }
  const custom = config.rolesAnywhereCustomRegion;
  const region = effectiveRegion(config.rolesAnywhereRegion, custom, anchorRegion);
  if (region !== anchorRegion) {
    const field = custom !== undefined && custom !== "" ? "rolesAnywhereCustomRegion" : "rolesAnywhereRegion";
    throw invalid(
      field,
      `trustAnchorArn and profileArn are in ${anchorRegion}, but ${field} is ${region}: choose ${anchorRegion} as the Roles Anywhere region${field === "rolesAnywhereCustomRegion" ? " (or clear the custom region)" : ""}.`,
    );
  }
  return new URL(`https://rolesanywhere.${region}.${partitionDnsSuffix(region)}/sessions`);
}

function required(value: string | undefined, field: string): string {
  if (value === undefined || value.trim() === "") {
    throw invalid(field, `${field} is required for IAM Roles Anywhere.`);
  }
  return value.trim();
}

/** arn:<partition>:rolesanywhere:<region>:<account>:<resource> */
function arnRegion(arn: string, field: string): string {
  const region = arn.split(":")[3];
  if (region === undefined || region === "") {
    throw invalid(field, `${field} must look like arn:aws:rolesanywhere:<region>:<account>:...; it names no region.`);
  }
  return region;
}

function invalid(field: string, message: string): ConnectorError {
  return new ConnectorError("CONFIG_INVALID", message, { field, step: "config" });
}
