import { createServer, type Server, type Socket } from "node:net";

export interface RecordingListener {
  /** 127.0.0.1:<port> */
  readonly host: string;
  /** What reached the listener: one entry per connection, with the first bytes it sent. */
  readonly received: string[];
}

/**
 * A TCP listener on 127.0.0.1 that records whatever connects to it (an HTTP
 * request, a TLS handshake) and hangs up. Tests point queue URLs at it to prove
 * that nothing is ever sent there.
 */
export function useRecordingListener(): RecordingListener {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  const received: string[] = [];
  let host = "";
  before(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      const entry = received.push("(connected)") - 1;
      socket.once("data", (chunk) => (received[entry] = chunk.toString("latin1").slice(0, 200)));
      socket.on("close", () => sockets.delete(socket));
      setTimeout(() => socket.destroy(), 50);
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    host = typeof address === "object" && address !== null ? `127.0.0.1:${address.port}` : "";
  });
  after(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  });
  return {
    get host() {
      return host;
    },
    received,
  };
}
