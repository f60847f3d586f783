import { ConnectorError } from "../core/errors.js";
import type { Manifest } from "../core/manifest.js";

/**
 * The versions of the host contract (manifest.json `contractVersion`) this code
 * implements, oldest first. The rule: a change hosts must know about (a new
 * operation kind, a new field a host must read or fill) bumps the manifest's
 * contractVersion and adds the new number here in the same change; hosts refuse
 * a manifest whose version is not listed, rather than half-run it.
 */
export const KNOWN_CONTRACT_VERSIONS: readonly number[] = [1, 2];

/** Throws CONTRACT_VERSION_UNSUPPORTED when `manifest` declares a contract version `host` does not know. */
export function assertKnownContractVersion(manifest: Pick<Manifest, "id" | "contractVersion">, host: string): void {
  if (KNOWN_CONTRACT_VERSIONS.includes(manifest.contractVersion)) return;
  throw new ConnectorError(
    "CONTRACT_VERSION_UNSUPPORTED",
    `The ${manifest.id} connector declares host contract version ${JSON.stringify(manifest.contractVersion)}, but ${host} knows only ${KNOWN_CONTRACT_VERSIONS.join(", ")}: update ${host} to a release that knows version ${JSON.stringify(manifest.contractVersion)} (see CHANGELOG.md).`,
    { field: "contractVersion" },
  );
}
