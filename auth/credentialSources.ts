import type { ConnectionConfig } from "../core/types.js";
import { accessKeysCredentialSource } from "./accessKeys.js";
import type { CredentialContext, CredentialSource } from "./credentialSource.js";
import { defaultChainCredentialSource } from "./defaultChain.js";
import { rolesAnywhereCredentialSource } from "./rolesAnywhere/rolesAnywhereCredentialSource.js";

export type { CredentialContext, CredentialSource } from "./credentialSource.js";

export function credentialSourceFor(config: ConnectionConfig, context: CredentialContext): CredentialSource {
  switch (config.authType) {
    case "accessKeys":
      return accessKeysCredentialSource(config, context);
    case "defaultChain":
      return defaultChainCredentialSource(context);
    case "rolesAnywhere":
      return rolesAnywhereCredentialSource(config, context);
  }
}
