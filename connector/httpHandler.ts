import type { NodeHttpHandler } from "@smithy/node-http-handler";
import { Agent as HttpAgent } from "node:http";
import type { Logger } from "../core/host.js";
import { EnvironmentProxyAgent } from "../core/proxyAgents.js";
import type { ValidatedConnectionConfig } from "../core/types.js";
import { CheckedHttpHandler } from "./checkedHttpHandler.js";

// Enough sockets for the highest concurrency a schema allows, so requests never queue in the agent.
const MAX_SOCKETS = 64;

/**
 * The HTTP/1.1 handler every client of a connection uses: keep-alive sockets,
 * the environment's proxy, the connection's timeout, headers checked before
 * they are sent (CheckedHttpHandler), and the SDK's warnings in the host's log. Each
 * client gets its own (destroying a client destroys its handler's sockets).
 */
export function connectionHttpHandler(config: ValidatedConnectionConfig, logger: Logger): NodeHttpHandler {
  const agentOptions = { keepAlive: true, maxSockets: MAX_SOCKETS };
  return new CheckedHttpHandler({
    httpAgent: new HttpAgent(agentOptions),
    // HTTPS_PROXY / HTTP_PROXY / NO_PROXY: the SDK reads none of them itself.
    httpsAgent: new EnvironmentProxyAgent(agentOptions),
    connectionTimeout: Math.round(config.requestTimeoutSeconds * 1000),
    requestTimeout: Math.round(config.requestTimeoutSeconds * 1000),
    // Without this the handler only warns and keeps waiting on a request that never answers.
    throwOnRequestTimeout: true,
    logger: {
      debug: (...parts: unknown[]) => logger.debug(parts.map(String).join(" ")),
      info: (...parts: unknown[]) => logger.info(parts.map(String).join(" ")),
      warn: (...parts: unknown[]) => logger.warn(parts.map(String).join(" ")),
      error: (...parts: unknown[]) => logger.error(parts.map(String).join(" ")),
    },
  });
}

/** An endpoint override as the SDK takes it: without a trailing slash. */
export function sdkEndpoint(endpoint: URL | undefined): { endpoint?: string } {
  return endpoint === undefined ? {} : { endpoint: endpoint.toString().replace(/\/$/, "") };
}
