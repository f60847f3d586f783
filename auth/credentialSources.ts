import type { ConnectionConfig } from "../core/types.js";
import { accessKeysCredentialSource } from "./accessKeys.js";
import type { CredentialContext, CredentialSource } from "./credentialSource.js";

export type { CredentialContext, CredentialSource } from "./credentialSource.js";

export function credentialSourceFor(config: ConnectionConfig, context: CredentialContext): CredentialSource {
  switch (config.authType) {
    case "accessKeys":
      return accessKeysCredentialSource(config, context);
    case "defaultChain":
      return loadedOnFirstUse("defaultChain", async () => (await import("./defaultChain.js")).defaultChainCredentialSource(context));
    case "rolesAnywhere":
      return loadedOnFirstUse("rolesAnywhere", async () =>
        (await import("./rolesAnywhere/rolesAnywhereCredentialSource.js")).rolesAnywhereCredentialSource(config, context),
      );
  }
}

/**
 * An auth type whose modules load when it is first asked for credentials (or
 * a preflight): the SDK's default chain and Roles Anywhere's X.509 code cost a
 * command start-up that never signs with them. The source is built then, as it
 * would have been at once; connect() has already taken the config's secrets
 * into the redactor.
 */
function loadedOnFirstUse(authType: CredentialSource["authType"], load: () => Promise<CredentialSource>): CredentialSource {
  let source: Promise<CredentialSource> | undefined;
  const loaded = (): Promise<CredentialSource> => (source ??= load());
  return {
    authType,
    preflight: async () => (await loaded()).preflight(),
    provider: async (options) => (await loaded()).provider(options),
  };
}
