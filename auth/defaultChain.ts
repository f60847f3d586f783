import { defaultProvider } from "@aws-sdk/credential-provider-node";
import { ConnectorError } from "../core/errors.js";
import type { CredentialContext, CredentialSource } from "./credentialSource.js";

/**
 * The AWS SDK's default chain (environment, shared config/SSO, web identity,
 * container and instance roles). The SDK memoizes and refreshes what it finds.
 */
export function defaultChainCredentialSource(context: CredentialContext): CredentialSource {
  const chain = defaultProvider();
  return {
    authType: "defaultChain",
    preflight: async () => ({}),
    provider: async (options) => {
      try {
        const identity = await chain(options);
        context.redactor.add(identity.secretAccessKey);
        context.redactor.add(identity.sessionToken);
        return identity;
      } catch (error) {
        throw new ConnectorError(
          "CREDENTIALS_MISSING",
          "The AWS default credential chain found no credentials (environment variables, shared config or profile, container or instance role). Configure one of them, or choose another authentication type.",
          { cause: error, step: "credentials" },
        );
      }
    },
  };
}
