import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import { EnvironmentProxyAgent } from "../../core/proxyAgents.js";

export interface HttpReply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

// A CreateSession answer is a few KiB; anything far larger is not the service talking.
const MAX_REPLY_BYTES = 1024 * 1024;

/**
 * One POST with a deadline for the whole exchange (connect, send, read). node:http
 * is used directly so the path and query go out exactly as they were signed, and
 * only Content-Length (unsigned) is added to the signed headers. `request` is
 * looked up on the module at call time so HTTP instrumentation (nock, APM agents)
 * that replaces it is honoured.
 */
export function postOnce(
  url: URL,
  headers: Readonly<Record<string, string>>,
  body: string,
  timeoutMs: number,
  cancel?: AbortSignal,
): Promise<HttpReply> {
  const send = url.protocol === "https:" ? https.request : http.request;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = cancel === undefined ? timeout : AbortSignal.any([timeout, cancel]);
  return new Promise((resolve, reject) => {
    // Through HTTPS_PROXY when the environment names one for this host, as every AWS call goes (a
    // CONNECT tunnel: the signed bytes reach the service unchanged). One request an hour: no pool.
    const agent = url.protocol === "https:" ? new EnvironmentProxyAgent() : undefined;
    const request = send(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        signal,
        ...(agent === undefined ? {} : { agent }),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_REPLY_BYTES) request.destroy(new Error(`the answer exceeded ${MAX_REPLY_BYTES} bytes`));
          else chunks.push(chunk);
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", (error) => reject(timeout.aborted ? new Error(`no answer within ${timeoutMs} ms`, { cause: error }) : error));
    request.end(body);
  });
}
