import type { SendConfiguration } from "../../core/generated/send.config.js";

export type BodyEncoding = NonNullable<SendConfiguration["bodyEncoding"]>;

/**
 * The message body a document's body becomes; receive's bodyEncoding of the
 * same name reads it back. `text`: a string as it is, any other value as JSON.
 * `json`: every body as JSON text. `base64`: the text's UTF-8 bytes in base64,
 * as an AWS IoT rule's SQS action sends with base64 on.
 */
export function encodeBody(body: unknown, encoding: BodyEncoding): string {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  switch (encoding) {
    case "text":
      return text;
    case "json":
      return JSON.stringify(body);
    case "base64":
      return Buffer.from(text, "utf8").toString("base64");
  }
}

/**
 * The document as the input schema checks it: the body replaced by the
 * message body it becomes, so the character and emptiness rules apply to what
 * is sent (text SQS would refuse is fine once base64-encoded).
 */
export function withEncodedBody(document: unknown, encoding: BodyEncoding): unknown {
  if (encoding === "text" || document === null || typeof document !== "object" || Array.isArray(document)) return document;
  const body = (document as { body?: unknown }).body;
  if (body === undefined || body === null) return document;
  return { ...document, body: encodeBody(body, encoding) };
}
