import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One SQS request that passed the counter: when, which action, how many batch entries. */
export interface CountedRequest {
  atMs: number;
  action: string;
  entries: number;
}

export interface RequestCounter {
  /** Use as the contender's endpoint: requests are passed on to the emulator. */
  readonly endpoint: string;
  readonly requests: CountedRequest[];
  stop(): Promise<void>;
}

/**
 * A loopback proxy in front of the emulator that records every SQS request
 * (AWS JSON protocol: the action in X-Amz-Target, batch entries in the body). It
 * runs in the bench runner, so its CPU is counted for no contender.
 */
export async function startRequestCounter(target: string): Promise<RequestCounter> {
  const upstream = new URL(target);
  const requests: CountedRequest[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const body = Buffer.concat(chunks);
      const action = String(incoming.headers["x-amz-target"] ?? "").replace("AmazonSQS.", "");
      let entries = 0;
      try {
        entries = ((JSON.parse(body.toString("utf8")) as { Entries?: unknown[] }).Entries ?? []).length;
      } catch {
        // Not JSON: counted as a request without entries.
      }
      requests.push({ atMs: Date.now(), action, entries });
      const forwarded = request(
        { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
        (reply) => {
          outgoing.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(outgoing);
        },
      );
      forwarded.on("error", () => outgoing.destroy());
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
