import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** What the proxy can do to one request. */
export type Fault =
  "none" | "status500" | "status503" | "throttle" | "resetBefore" | "resetAfter" | "delay" | "partialBefore" | "partialAfter";

export const ALL_FAULTS: readonly Fault[] = [
  "status500",
  "status503",
  "throttle",
  "resetBefore",
  "resetAfter",
  "delay",
  "partialBefore",
  "partialAfter",
];

export interface FaultProxyOptions {
  /** Where healthy requests go, e.g. the embedded SQS endpoint. */
  target: string;
  /** Share of requests that get a fault (0..1). */
  rate?: number;
  /** Faults to choose from. */
  faults?: readonly Fault[];
  /** Faults used first, one per request, before random choice takes over. */
  script?: Fault[];
  seed?: number;
  /** How long a `delay` fault holds a response (longer than the client timeout). */
  delayMs?: number;
  /** Added to every forwarded request's round trip, half before it is forwarded and half after the answer (a farther network). */
  latencyMs?: number;
  /** Only requests for these SQS actions (X-Amz-Target without the prefix) are faulted. */
  actions?: readonly string[];
  /**
   * Inspect a request before anything else; a reply here is sent instead of forwarding. `action` is
   * the SQS action, empty for S3 requests (method and path name those); a string body is sent as it
   * is (S3's XML errors, with `contentType`), anything else as JSON.
   */
  gate?: (request: {
    action: string;
    method: string;
    headers: IncomingMessage["headers"];
    path: string;
    body: string;
  }) => { status: number; body: unknown; contentType?: string } | undefined;
}

export interface FaultProxy {
  readonly url: string;
  readonly stats: Record<Fault, number> & { requests: number };
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy in front of an SQS endpoint that injects what real
 * networks and services do: server errors, throttling, connections reset before
 * or after the request took effect, responses slower than the client's timeout,
 * and batch results with entries failed (either not applied, or applied but
 * reported failed). Test support only; the choice is seeded, so runs repeat.
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const random = mulberry32(options.seed ?? 1);
  const faults = options.faults ?? ALL_FAULTS;
  const script = [...(options.script ?? [])];
  const stats = Object.fromEntries([...ALL_FAULTS, "none", "requests"].map((k) => [k, 0])) as FaultProxy["stats"];
  const sockets = new Set<Socket>();
  const halfLatency = (options.latencyMs ?? 0) / 2;

  const server = createServer((req, res) => {
    void readBody(req).then(async (body) => {
      stats.requests += 1;
      await pause(halfLatency);
      const action = String(req.headers["x-amz-target"] ?? "").replace("AmazonSQS.", "");
      const gated = options.gate?.({ action, method: req.method ?? "GET", headers: req.headers, path: req.url ?? "/", body });
      if (gated !== undefined) {
        const text = typeof gated.body === "string" ? gated.body : JSON.stringify(gated.body);
        return send(res, gated.status, text, { "content-type": gated.contentType ?? "application/x-amz-json-1.0" });
      }
      let fault = script.shift() ?? (random() < (options.rate ?? 0) ? faults[Math.floor(random() * faults.length)]! : "none");
      if (options.actions !== undefined && !options.actions.includes(action)) fault = "none";
      if ((fault === "partialBefore" || fault === "partialAfter") && !action.endsWith("Batch")) fault = "status500";
      stats[fault] += 1;
      await apply(fault, action, req, res, body);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function apply(fault: Fault, action: string, req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    switch (fault) {
      case "status500":
        return sqsError(res, 500, "InternalError", "injected server error");
      case "status503":
        return sqsError(res, 503, "ServiceUnavailable", "injected unavailability");
      case "throttle":
        return sqsError(res, 400, "ThrottlingException", "Rate exceeded (injected)", "RequestThrottled");
      case "resetBefore":
        req.socket.destroy();
        return;
      case "resetAfter":
        await forward(req, body);
        req.socket.destroy();
        return;
      case "delay": {
        const reply = await forward(req, body);
        await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 1500));
        if (!res.destroyed) send(res, reply.status, reply.body, reply.headers);
        return;
      }
      case "partialBefore":
        return partial(action, req, res, body, "before");
      case "partialAfter":
        return partial(action, req, res, body, "after");
      case "none": {
        const reply = await forward(req, body);
        return send(res, reply.status, reply.body, reply.headers);
      }
    }
  }

  /** Fails about a third of a batch's entries as retryable server faults. */
  async function partial(action: string, req: IncomingMessage, res: ServerResponse, body: string, when: "before" | "after"): Promise<void> {
    const input = JSON.parse(body) as { Entries: Array<{ Id: string }> };
    const failing = new Set(input.Entries.filter(() => random() < 0.34).map((e) => e.Id));
    const kept = when === "before" ? input.Entries.filter((e) => !failing.has(e.Id)) : input.Entries;
    let successful: Array<{ Id: string }> = [];
    let failed: unknown[] = [];
    if (kept.length > 0) {
      const reply = await forward(req, JSON.stringify({ ...input, Entries: kept }));
      if (reply.status !== 200) return send(res, reply.status, reply.body, reply.headers);
      const parsed = JSON.parse(reply.body) as { Successful?: Array<{ Id: string }>; Failed?: unknown[] };
      successful = parsed.Successful ?? [];
      failed = parsed.Failed ?? [];
    }
    const injected = [...failing].map((Id) => ({
      Id,
      SenderFault: false,
      Code: "InternalError",
      Message: `injected ${action} entry failure`,
    }));
    const reply = { Successful: successful.filter((e) => !failing.has(e.Id)), Failed: [...failed, ...injected] };
    send(res, 200, JSON.stringify(reply), { "content-type": "application/x-amz-json-1.0" });
  }

  function forward(req: IncomingMessage, body: string): Promise<{ status: number; body: string; headers: Record<string, string> }> {
    return new Promise((resolve, reject) => {
      // The body is forwarded whole, so a client's "Expect: 100-continue" (S3 uploads) has nothing to wait for.
      const { expect: _expect, ...incoming } = req.headers;
      const headers = { ...incoming, host: target.host, "content-length": String(Buffer.byteLength(body)) };
      const upstream = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (response) => {
        void readBody(response).then(async (text) => {
          await pause(halfLatency);
          // S3 answers in headers too (an upload part's ETag); the body's length is set again when it is sent.
          const kept = Object.entries(response.headers).filter(
            ([name, value]) =>
              typeof value === "string" && !["content-length", "transfer-encoding", "connection", "keep-alive"].includes(name),
          ) as Array<[string, string]>;
          resolve({
            status: response.statusCode ?? 502,
            body: text,
            headers: { "content-type": "application/x-amz-json-1.0", ...Object.fromEntries(kept) },
          });
        });
      });
      upstream.on("error", reject);
      upstream.end(body);
    });
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sqsError(res: ServerResponse, status: number, type: string, message: string, queryCode = type): void {
  send(res, status, JSON.stringify({ __type: `com.amazonaws.sqs#${type}`, message }), {
    "content-type": "application/x-amz-json-1.0",
    "x-amzn-query-error": `${queryCode};${status < 500 ? "Sender" : "Receiver"}`,
  });
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string>): void {
  if (res.destroyed) return;
  res.writeHead(status, { ...headers, "content-length": String(Buffer.byteLength(body)) });
  res.end(body);
}

function pause(ms: number): Promise<void> | undefined {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : undefined;
}

function readBody(stream: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    stream.on("error", reject);
  });
}

/** A small seeded PRNG so a failing run can be replayed exactly. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
