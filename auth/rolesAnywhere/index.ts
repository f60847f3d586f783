import { ConnectorError } from "../../connector/errors.js";
import type { ConnectionConfig } from "../../connector/types.js";
import type { CredentialContext, CredentialSource } from "../credentialSource.js";

// Replaced by the Roles Anywhere implementation (issue 3), being written now.
export function rolesAnywhereCredentialSource(_config: ConnectionConfig, _context: CredentialContext): CredentialSource {
  throw new ConnectorError("CONFIG_INVALID", "IAM Roles Anywhere is not available in this build.");
}
