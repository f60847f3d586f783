import { isIP } from "node:net";
import { ConnectorError } from "./errors.js";

const LOOPBACK_NAMES = new Set(["localhost", "ip6-localhost", "ip6-loopback"]);

/** True for 127.0.0.0/8, ::1 and localhost names (including *.localhost). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (LOOPBACK_NAMES.has(host) || host.endsWith(".localhost")) return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  if (isIP(host) === 6) return host === "::1" || host === "0:0:0:0:0:0:0:1";
  return false;
}

/**
 * Parses an endpoint override. Plain http:// is refused unless the host is
 * loopback, because credentials-signed requests and message bodies would
 * otherwise cross a network unencrypted.
 */
export function checkedEndpoint(value: string, field: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConnectorError("CONFIG_INVALID", `${field} is not a URL: give https://host[:port].`, { field });
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw new ConnectorError(
      "ENDPOINT_INSECURE",
      `${field} uses http:// for ${url.hostname}, which is not a loopback host: use https://, or http:// only for 127.0.0.1, ::1 or localhost.`,
      { field },
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConnectorError("CONFIG_INVALID", `${field} must start with https://.`, { field });
  }
  if (url.username !== "" || url.password !== "") {
    throw new ConnectorError("CONFIG_INVALID", `${field} must not contain a user name or password.`, { field });
  }
  return url;
}

/** The effective region: a custom region overrides the dropdown. */
export function effectiveRegion(dropdown: string | undefined, custom: string | undefined, fallback: string): string {
  return custom !== undefined && custom !== "" ? custom : (dropdown ?? fallback);
}
