import { constants, createHash, sign } from "node:crypto";
import { createScope, getCanonicalHeaders, getCanonicalQuery } from "@smithy/signature-v4";
import type { HttpRequest } from "@smithy/types";
import { serialDecimal } from "./certificates.js";
import type { SigningIdentity } from "./signingIdentity.js";

export const SIGNING_SERVICE = "rolesanywhere";

export interface SessionRequest {
  /** The sessions URL, without a query. */
  readonly url: URL;
  readonly query: Readonly<Record<string, string>>;
  /** The JSON body; the bytes hashed are exactly the bytes sent. */
  readonly body: string;
}

export interface SignedSessionRequest {
  /** `url` with the canonical query string, so the query sent is byte for byte the one signed. */
  readonly url: URL;
  /** Lower-case names; all are signed except `authorization` itself. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Kept for debugging a rejected signature; neither is secret. */
  readonly canonicalRequest: string;
  readonly stringToSign: string;
}

/**
 * Signs a CreateSession request with the certificate's key (AWS4-X509-RSA-SHA256 or
 * AWS4-X509-ECDSA-SHA256). The canonical request is SigV4's, built with the SigV4
 * library's own query and header canonicalisation; only the final step differs from
 * SigV4: the string to sign is signed with the private key instead of an HMAC chain.
 * Every header set here is signed, and none the HTTP stack might rewrite is set.
 */
export function signSessionRequest(request: SessionRequest, identity: SigningIdentity, region: string, date: Date): SignedSessionRequest {
  const amzDate = amzDateOf(date);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    host: request.url.host,
    "x-amz-date": amzDate,
    "x-amz-x509": identity.certificate.raw.toString("base64"),
  };
  if (identity.chain.length > 0) {
    headers["x-amz-x509-chain"] = identity.chain.map((certificate) => certificate.raw.toString("base64")).join(",");
  }
  const httpRequest: HttpRequest = {
    method: "POST",
    protocol: request.url.protocol,
    hostname: request.url.hostname,
    path: request.url.pathname,
    query: { ...request.query },
    headers,
    body: request.body,
  };
  const canonicalHeaders = getCanonicalHeaders(httpRequest);
  const signedHeaderNames = Object.keys(canonicalHeaders).sort();
  const signedHeaders = signedHeaderNames.join(";");
  const canonicalQuery = getCanonicalQuery(httpRequest);
  const canonicalRequest = [
    httpRequest.method,
    httpRequest.path,
    canonicalQuery,
    ...signedHeaderNames.map((name) => `${name}:${canonicalHeaders[name] ?? ""}`),
    "",
    signedHeaders,
    sha256Hex(request.body),
  ].join("\n");
  const scope = createScope(amzDate.slice(0, 8), region, SIGNING_SERVICE);
  const stringToSign = [identity.algorithm, amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  const signature = signatureOf(stringToSign, identity).toString("hex");
  const url = new URL(request.url.href);
  url.search = canonicalQuery;
  return {
    url,
    headers: {
      ...headers,
      authorization: `${identity.algorithm} Credential=${serialDecimal(identity.certificate)}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    },
    body: request.body,
    canonicalRequest,
    stringToSign,
  };
}

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export function amzDateOf(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/** RSA: PKCS#1 v1.5, never PSS. EC: DER SEQUENCE{r, s}, never raw r||s. SHA-256 for every curve. */
function signatureOf(stringToSign: string, identity: SigningIdentity): Buffer {
  const data = Buffer.from(stringToSign, "utf8");
  return identity.algorithm === "AWS4-X509-RSA-SHA256"
    ? sign("sha256", data, { key: identity.privateKey, padding: constants.RSA_PKCS1_PADDING })
    : sign("sha256", data, { key: identity.privateKey, dsaEncoding: "der" });
}

function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
