import { createServer, type IncomingMessage } from "node:http";
import { connect as tcpConnect, type AddressInfo, type Socket } from "node:net";
import { TLSSocket } from "node:tls";

export interface ConnectProxy {
  /** http://127.0.0.1:<port>, for HTTPS_PROXY. */
  readonly url: string;
  /** host:port of every CONNECT it served, in order. */
  readonly tunnels: string[];
  close(): Promise<void>;
}

export interface ConnectProxyOptions {
  /** Certificate and key presented for every tunnelled host (issued by a CA the client trusts). */
  certificatePem: string;
  privateKeyPem: string;
  /** Another certificate for the hosts the first does not name (a wildcard covers one label: S3's bucket hosts need their own). */
  certificateFor?(host: string): { certificatePem: string; privateKeyPem: string } | undefined;
  /** The local plain-HTTP port that answers for a tunnelled host (the emulator, the local Roles Anywhere). */
  upstreamFor(host: string): number;
}

/**
 * A corporate proxy in miniature on 127.0.0.1: it accepts CONNECT, records the
 * target, and ends the tunnel's TLS itself with a certificate for that host,
 * handing the requests to a local server. The client sees an AWS host name over
 * TLS through a proxy, which is all a test of proxy support needs to see.
 */
export async function startConnectProxy(options: ConnectProxyOptions): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((_request, response) => response.writeHead(405).end("CONNECT only"));
  server.on("connect", (request: IncomingMessage, client: Socket, head: Buffer) => {
    const target = request.url ?? "";
    tunnels.push(target);
    const host = target.replace(/:\d+$/, "");
    const upstream = tcpConnect(options.upstreamFor(host), "127.0.0.1");
    sockets.add(client).add(upstream);
    client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    const { certificatePem, privateKeyPem } = options.certificateFor?.(host) ?? options;
    const tls = new TLSSocket(client, { isServer: true, cert: certificatePem, key: privateKeyPem });
    if (head.length > 0) tls.unshift(head);
    tls.pipe(upstream).pipe(tls);
    for (const end of [client, upstream, tls]) end.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tunnels,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
