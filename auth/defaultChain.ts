import { defaultProvider } from "@aws-sdk/credential-provider-node";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { ConnectorError } from "../core/errors.js";
import { EnvironmentProxyAgent } from "../core/proxyAgents.js";
import type { CredentialContext, CredentialSource } from "./credentialSource.js";

/**
 * The AWS SDK's default chain (environment, shared config/SSO, web identity,
 * container and instance roles). The SDK memoizes and refreshes what it finds.
 * The STS and SSO calls the chain makes (web identity, assumed roles, SSO)
 * honour HTTPS_PROXY / NO_PROXY like every other AWS call; the SDK's own
 * clients would go direct. Instance and container metadata are link-local and
 * never use clientConfig.
 */
export function defaultChainCredentialSource(context: CredentialContext): CredentialSource {
  const chain = defaultProvider({ clientConfig: { requestHandler: new NodeHttpHandler({ httpsAgent: new EnvironmentProxyAgent() }) } });
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
