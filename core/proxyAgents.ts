import type { ClientRequest } from "node:http";
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent, type AgentOptions } from "node:https";
import { Agent, type AgentConnectOpts } from "agent-base";
import type { HttpsProxyAgent } from "https-proxy-agent";
import { getProxyForUrl } from "proxy-from-env";
import { isLoopbackHost } from "./endpoints.js";

/**
 * The proxy the environment names for a request to `target`, as most tools read
 * it: HTTPS_PROXY (or ALL_PROXY) for https, falling back to HTTP_PROXY when only
 * that is set (as Node's and undici's own proxy support do); HTTP_PROXY for
 * http; NO_PROXY (host, .domain, *.domain, host:port, *) excludes. Loopback is
 * never proxied: an emulator on this machine is not behind the corporate proxy.
 */
export function proxyFor(target: URL): URL | undefined {
  if (isLoopbackHost(target.hostname)) return undefined;
  let proxy = getProxyForUrl(target.href);
  if (proxy === "" && target.protocol === "https:" && !isSet("https_proxy") && !isSet("all_proxy")) {
    // Ask as for an http request to the same host and port: HTTP_PROXY, with NO_PROXY applied to this port.
    proxy = getProxyForUrl(`http://${target.hostname}:${target.port || "443"}`);
  }
  if (proxy === "") return undefined;
  // proxy-from-env gives a scheme-less value the target's scheme; curl (and corporate set-ups) mean http.
  const written = ["https_proxy", "all_proxy", "http_proxy"].map(variable).find((value) => proxy.endsWith(value) && value !== "");
  return new URL(written !== undefined && !written.includes("://") ? `http://${written}` : proxy);
}

function variable(name: string): string {
  return process.env[name] || process.env[name.toUpperCase()] || "";
}

function isSet(name: string): boolean {
  return variable(name) !== "";
}

/**
 * An https agent for every AWS call (SQS, Roles Anywhere, and the S3 and
 * Kinesis clients to come): each connection goes through the proxy the
 * environment names for its host (a CONNECT tunnel, so TLS and signatures stay
 * end to end), or directly. The environment is read per connection, so a host
 * that sets it after start-up is honoured too.
 */
export class EnvironmentProxyAgent extends Agent {
  private readonly direct: HttpsAgent;
  private readonly tunnels = new Map<string, HttpsProxyAgent<string>>();

  constructor(private readonly agentOptions: AgentOptions = {}) {
    super(agentOptions);
    // agent-base guesses the protocol from the call stack; HTTP instrumentation (nock, APM) reads it.
    this.protocol = "https:";
    this.direct = new HttpsAgent(agentOptions);
  }

  connect(_request: ClientRequest, options: AgentConnectOpts): HttpAgent | Promise<HttpAgent> {
    const host = options.host ?? "localhost";
    const proxy = proxyFor(new URL(`https://${host.includes(":") ? `[${host}]` : host}:${options.port}`));
    if (proxy === undefined) return this.direct;
    return this.tunnels.get(proxy.href) ?? this.tunnelThrough(proxy);
  }

  /** The proxy client (and its dependencies) loads only when a proxy is used: most runs never need it. */
  private async tunnelThrough(proxy: URL): Promise<HttpAgent> {
    const { HttpsProxyAgent } = await import("https-proxy-agent");
    let tunnel = this.tunnels.get(proxy.href);
    if (tunnel === undefined) {
      tunnel = new HttpsProxyAgent(proxy.href, this.agentOptions);
      this.tunnels.set(proxy.href, tunnel);
    }
    return tunnel;
  }

  override destroy(): void {
    this.direct.destroy();
    for (const tunnel of this.tunnels.values()) tunnel.destroy();
    super.destroy();
  }
}
