import { constants, createHash, verify, X509Certificate } from "node:crypto";

/*
 * Checks a CreateSession request the way the service does, written from the
 * protocol description rather than from the connector's signer, so the two
 * can disagree: the canonical request is rebuilt from the raw request line,
 * headers and body bytes, and the signature is verified with the public key of
 * the certificate the request carries.
 */

export interface ReceivedRequest {
  method: string;
  /** Path and query exactly as received ("/sessions?profileArn=..."). */
  path: string;
  /** Lower-case names, as node:http and nock present them. */
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface VerificationPolicy {
  /** The CA certificates of the trust anchor. */
  trustAnchors: readonly X509Certificate[];
  region: string;
  nowMs: number;
  /** How far X-Amz-Date may be from nowMs; AWS allows 5 minutes. */
  maxSkewMs?: number;
}

/** An error answer in the service's shape. */
export interface Rejection {
  status: number;
  type: "AccessDeniedException" | "ValidationException" | "ResourceNotFoundException";
  message: string;
}

export interface VerifiedRequest {
  certificate: X509Certificate;
  /** The intermediates that were sent, in the order sent. */
  chain: X509Certificate[];
  query: Record<string, string>;
  body: unknown;
}

const ALGORITHMS: Record<string, string> = { "AWS4-X509-RSA-SHA256": "rsa", "AWS4-X509-ECDSA-SHA256": "ec" };
const REQUIRED_SIGNED = ["content-type", "host", "x-amz-date", "x-amz-x509"];
const AUTHORIZATION = /^(\S+) Credential=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]+)$/;
const MAX_CHAIN_DEPTH = 5;

const invalidSignature = (): Rejection => ({ status: 403, type: "AccessDeniedException", message: "Invalid signature" });
const untrusted = (): Rejection => ({ status: 403, type: "AccessDeniedException", message: "Untrusted Signing Certificate" });
const validation = (message: string): Rejection => ({ status: 400, type: "ValidationException", message });

export function verifySignedRequest(request: ReceivedRequest, policy: VerificationPolicy): VerifiedRequest | Rejection {
  const authorization = AUTHORIZATION.exec(header(request, "authorization") ?? "");
  const amzDate = header(request, "x-amz-date") ?? "";
  const certificateHeader = header(request, "x-amz-x509");
  if (authorization === null || certificateHeader === undefined || !/^\d{8}T\d{6}Z$/.test(amzDate)) return invalidSignature();
  const [, algorithm = "", credential = "", signedHeaderList = "", signatureHex = ""] = authorization;
  const certificate = certificateFrom(certificateHeader);
  if (certificate === undefined) return validation("Invalid certificate in X-Amz-X509");
  const chainHeader = header(request, "x-amz-x509-chain");
  const chain = chainHeader === undefined ? [] : chainHeader.split(",").map((part) => certificateFrom(part.trim()));
  if (chain.some((c) => c === undefined)) return validation("Invalid certificate in X-Amz-X509-Chain");

  const signedHeaders = signedHeaderList.split(";");
  const mustSign = chainHeader === undefined ? REQUIRED_SIGNED : [...REQUIRED_SIGNED, "x-amz-x509-chain"];
  if (mustSign.some((name) => !signedHeaders.includes(name))) return invalidSignature();
  const [serial, day, region, service, terminator, ...rest] = credential.split("/");
  const serialInCertificate = BigInt(`0x${certificate.serialNumber}`).toString(10);
  const scopeIsRight =
    serial === serialInCertificate &&
    day === amzDate.slice(0, 8) &&
    region === policy.region &&
    service === "rolesanywhere" &&
    terminator === "aws4_request" &&
    rest.length === 0;
  if (!scopeIsRight || ALGORITHMS[algorithm] !== certificate.publicKey.asymmetricKeyType) return invalidSignature();

  const [path = "", rawQuery = ""] = splitOnce(request.path, "?");
  const canonicalRequest = [
    request.method,
    path,
    canonicalQuery(rawQuery),
    ...signedHeaders.map((name) => `${name}:${canonicalHeaderValue(request.headers[name])}`),
    "",
    signedHeaderList,
    sha256Hex(request.body),
  ].join("\n");
  const stringToSign = [algorithm, amzDate, `${day}/${region}/${service}/${terminator}`, sha256Hex(canonicalRequest)].join("\n");
  const signature = Buffer.from(signatureHex, "hex");
  const key =
    algorithm === "AWS4-X509-RSA-SHA256"
      ? { key: certificate.publicKey, padding: constants.RSA_PKCS1_PADDING }
      : { key: certificate.publicKey, dsaEncoding: "der" as const };
  if (!verify("sha256", Buffer.from(stringToSign, "utf8"), key, signature)) return invalidSignature();

  const skewMs = Math.abs(parseAmzDate(amzDate) - policy.nowMs);
  if (skewMs > (policy.maxSkewMs ?? 300_000)) {
    return {
      status: 403,
      type: "AccessDeniedException",
      message: "Signature expired: X-Amz-Date is more than 5 minutes from the server time",
    };
  }
  const intermediates = chain.filter((c): c is X509Certificate => c !== undefined);
  if (!chainsToAnchor(certificate, intermediates, policy)) return untrusted();

  let body: unknown;
  try {
    body = JSON.parse(request.body === "" ? "{}" : request.body);
  } catch {
    return validation("Request body is not valid JSON");
  }
  return { certificate, chain: intermediates, query: Object.fromEntries(queryPairs(rawQuery)), body };
}

export function isRejection<T extends object>(result: T | Rejection): result is Rejection {
  return "status" in result;
}

/** The leaf, then intermediates, must each be within their validity and signed by the next, ending at an anchor. */
function chainsToAnchor(leaf: X509Certificate, intermediates: X509Certificate[], policy: VerificationPolicy): boolean {
  let current = leaf;
  for (let depth = 0; depth <= MAX_CHAIN_DEPTH; depth += 1) {
    if (!withinValidity(current, policy.nowMs)) return false;
    if (policy.trustAnchors.some((anchor) => issuedBy(current, anchor) && withinValidity(anchor, policy.nowMs))) return true;
    const issuer = intermediates.find((candidate) => candidate.ca && issuedBy(current, candidate));
    if (issuer === undefined) return false;
    current = issuer;
  }
  return false;
}

function issuedBy(child: X509Certificate, parent: X509Certificate): boolean {
  return child.checkIssued(parent) && child.verify(parent.publicKey);
}

function withinValidity(certificate: X509Certificate, nowMs: number): boolean {
  return Date.parse(certificate.validFrom) <= nowMs && nowMs <= Date.parse(certificate.validTo);
}

function certificateFrom(base64: string): X509Certificate | undefined {
  try {
    return new X509Certificate(Buffer.from(base64, "base64"));
  } catch {
    return undefined;
  }
}

/** SigV4: each name and value URI-decoded, then RFC 3986-encoded, sorted by name then value. */
function canonicalQuery(rawQuery: string): string {
  return queryPairs(rawQuery)
    .map(([name, value]) => [rfc3986(name), rfc3986(value)] as const)
    .sort(([a, x], [b, y]) => (a === b ? compare(x, y) : compare(a, b)))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

function queryPairs(rawQuery: string): Array<[string, string]> {
  return rawQuery
    .split("&")
    .filter((pair) => pair !== "")
    .map((pair) => {
      const [name = "", value = ""] = splitOnce(pair, "=");
      return [decodeURIComponent(name), decodeURIComponent(value)];
    });
}

function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalHeaderValue(value: string | string[] | undefined): string {
  const joined = Array.isArray(value) ? value.join(",") : (value ?? "");
  return joined.trim().replace(/\s+/g, " ");
}

function header(request: ReceivedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

function parseAmzDate(amzDate: string): number {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate) ?? [];
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, ""] : [text.slice(0, at), text.slice(at + 1)];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
