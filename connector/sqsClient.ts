import { SQSClient } from "@aws-sdk/client-sqs";
import { Agent as HttpAgent } from "node:http";
import type { CredentialSource } from "../auth/credentialSource.js";
import type { Logger } from "../core/host.js";
import { EnvironmentProxyAgent } from "../core/proxyAgents.js";
import type { ValidatedConnectionConfig } from "../core/types.js";
import { CheckedHttpHandler } from "./checkedHttpHandler.js";

export interface SqsClientSettings {
  region: string;
  endpoint: URL | undefined;
  logger: Logger;
}

// Enough sockets for the highest concurrency a schema allows, so requests never queue in the agent.
const MAX_SOCKETS = 64;

/** The one SDK client a connection owns; operations borrow it. */
export function createSqsClient(config: ValidatedConnectionConfig, settings: SqsClientSettings, credentials: CredentialSource): SQSClient {
  const agentOptions = { keepAlive: true, maxSockets: MAX_SOCKETS };
  return new SQSClient({
    region: settings.region,
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint.toString().replace(/\/$/, "") }),
    // Requests go to the endpoint override or the region's SQS endpoint, never to the host a queue URL
    // names (the SDK's default when no endpoint is set), so a queue URL cannot send signatures elsewhere.
    useQueueUrlAsEndpoint: false,
    credentials: credentials.provider,
    maxAttempts: config.maxAttempts,
    requestHandler: new CheckedHttpHandler({
      httpAgent: new HttpAgent(agentOptions),
      // HTTPS_PROXY / HTTP_PROXY / NO_PROXY: the SDK reads none of them itself.
      httpsAgent: new EnvironmentProxyAgent(agentOptions),
      connectionTimeout: Math.round(config.requestTimeoutSeconds * 1000),
      requestTimeout: Math.round(config.requestTimeoutSeconds * 1000),
      // Without this the handler only warns and keeps waiting on a request that never answers.
      throwOnRequestTimeout: true,
      logger: {
        debug: (...parts: unknown[]) => settings.logger.debug(parts.map(String).join(" ")),
        info: (...parts: unknown[]) => settings.logger.info(parts.map(String).join(" ")),
        warn: (...parts: unknown[]) => settings.logger.warn(parts.map(String).join(" ")),
        error: (...parts: unknown[]) => settings.logger.error(parts.map(String).join(" ")),
      },
    }),
  });
}
