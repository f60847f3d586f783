import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export interface ReceivedRequest {
  method: string;
  /** Path and query as sent. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Verifies an AWS SigV4 (AWS4-HMAC-SHA256) request the way the service does,
 * written independently of the SDK's signer: rebuild the canonical request from
 * what arrived, derive the signing key from the secret the access key id names,
 * and compare signatures. Returns the access key id that signed it.
 */
export function verifySigV4(request: ReceivedRequest, secretFor: (accessKeyId: string) => string | undefined): string {
  const authorization = header(request, "authorization");
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      authorization,
    );
  if (match === null) throw new Error(`not a SigV4 Authorization header: ${authorization.slice(0, 40)}`);
  const [, accessKeyId, date, region, service, signedHeaders, signature] = match as unknown as string[];
  const secret = secretFor(accessKeyId!);
  if (secret === undefined) throw new Error(`unknown access key id ${accessKeyId}`);
  const amzDate = header(request, "x-amz-date");
  if (!amzDate.startsWith(date!)) throw new Error("credential scope date differs from X-Amz-Date");
  const [pathPart, query = ""] = request.path.split("?");
  const canonicalQuery = query
    .split("&")
    .filter((pair) => pair !== "")
    .map((pair) =>
      pair
        .split("=")
        .map((part) => encodeRfc3986(decodeURIComponent(part.replace(/\+/g, " "))))
        .join("="),
    )
    .sort()
    .join("&");
  const names = signedHeaders!.split(";");
  const canonicalHeaders = names.map((name) => `${name}:${header(request, name).trim().replace(/\s+/g, " ")}\n`).join("");
  const payloadHash = createHash("sha256").update(request.body).digest("hex");
  const canonicalRequest = [request.method, pathPart, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash].join("\n");
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, createHash("sha256").update(canonicalRequest).digest("hex")].join("\n");
  let key: Buffer = Buffer.from(`AWS4${secret}`);
  for (const part of [date!, region!, service!, "aws4_request"]) key = createHmac("sha256", key).update(part).digest();
  const expected = createHmac("sha256", key).update(stringToSign).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature!, "hex"))) throw new Error(`signature does not verify for ${accessKeyId}`);
  return accessKeyId!;
}

function header(request: ReceivedRequest, name: string): string {
  const value = request.headers[name.toLowerCase()];
  if (value === undefined) throw new Error(`missing header ${name}`);
  return Array.isArray(value) ? value.join(",") : value;
}

function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
