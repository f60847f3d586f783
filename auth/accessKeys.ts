import type { ConnectionConfig } from "../core/types.js";
import type { CredentialContext, CredentialSource } from "./credentialSource.js";

/** Static keys from the connection; the secret and token are registered for redaction. */
export function accessKeysCredentialSource(config: ConnectionConfig, context: CredentialContext): CredentialSource {
  const accessKeyId = config.accessKeyId ?? "";
  const secretAccessKey = config.secretAccessKey ?? "";
  context.redactor.add(secretAccessKey);
  context.redactor.add(config.sessionToken);
  const identity = {
    accessKeyId,
    secretAccessKey,
    ...(config.sessionToken === undefined ? {} : { sessionToken: config.sessionToken }),
  };
  return {
    authType: "accessKeys",
    preflight: async () => ({ accessKeyId }),
    // A fresh object each time: the SDK annotates the identity it is given.
    provider: async () => ({ ...identity }),
  };
}
