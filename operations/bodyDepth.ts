import { nestedDeeperThan } from "../core/jsonDepth.js";
import { documentError, type DocumentError } from "../core/errors.js";

/**
 * BODY_TOO_DEEP for a document whose JSON body nests deeper than the
 * manifest's documentLimits.bodyMaxDepth, checked before anything serialises
 * the body (send's bodyEncoding, putRecords' record data).
 */
export function tooDeepBody(document: unknown, limit: number): DocumentError | undefined {
  const body = document !== null && typeof document === "object" ? (document as { body?: unknown }).body : undefined;
  if (body === null || typeof body !== "object" || !nestedDeeperThan(body, limit)) return undefined;
  return documentError(
    "BODY_TOO_DEEP",
    `body is nested more than ${limit} levels deep: flatten it, or send it as a string (JSON text) if its readers can take it.`,
    { field: "body" },
  );
}
