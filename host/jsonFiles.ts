import path from "node:path";
import { ConnectorError, schemaRegistry } from "../connector/index.js";
import { readRegularFile } from "./regularFile.js";

// A certificate chain, key or PKCS#12 bundle is a few KiB; 1 MiB leaves ample room.
const FILE_REFERENCE_MAX_BYTES = 1024 * 1024;
// Process files may carry their first step's documents inline; larger inputs belong in an NDJSON --input.
const JSON_FILE_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Where JSON.parse failed, without quoting the text: V8 quotes a snippet of the
 * input, and a connection file holds secrets.
 */
export function jsonErrorPosition(error: unknown, text: string): { line: number; column: number } | undefined {
  const position = /position (\d+)/.exec(error instanceof Error ? error.message : "");
  if (position === null) return undefined;
  const before = text.slice(0, Number(position[1]));
  return { line: before.split("\n").length, column: before.length - before.lastIndexOf("\n") };
}

export function describeJsonError(error: unknown, text: string): string {
  const at = jsonErrorPosition(error, text);
  return at === undefined ? "it is not valid JSON" : `it is not valid JSON (line ${at.line}, column ${at.column})`;
}

/** Reads a JSON object from a file; problems are usage errors (exit 2) naming the file. */
export async function readJsonObject(file: string, what: string): Promise<Record<string, unknown>> {
  const content = await readRegularFile(file, JSON_FILE_MAX_BYTES, { pipes: true });
  if (!Buffer.isBuffer(content)) {
    throw new ConnectorError("CONFIG_INVALID", `Cannot read the ${what} file ${file}: ${content.reason}.`, { field: what });
  }
  const text = content.toString("utf8");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConnectorError("CONFIG_INVALID", `Cannot use the ${what} file ${file}: ${describeJsonError(error, text)}.`, { field: what });
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ConnectorError("CONFIG_INVALID", `The ${what} file ${file} must hold a JSON object.`, { field: what });
  }
  return value as Record<string, unknown>;
}

/**
 * Certificate and key fields (the connection schema's multi-line fields) may
 * name a file as "@path", relative to the connection file. PEM files are read as
 * text; anything else (a PKCS#12 bundle) is passed on as base64. Only regular
 * files up to 1 MiB are read (FILE_NOT_READABLE, FILE_TOO_LARGE).
 */
export async function resolveFileReferences(connection: Record<string, unknown>, baseDir: string): Promise<Record<string, unknown>> {
  const schema = schemaRegistry().schemas.get("schemas/connection.json") as { properties: Record<string, { "x-widget"?: string }> };
  const resolved = { ...connection };
  for (const [field, property] of Object.entries(schema.properties)) {
    const value = resolved[field];
    if (property["x-widget"] !== "textarea" || typeof value !== "string" || !value.startsWith("@")) continue;
    const file = path.resolve(baseDir, value.slice(1));
    const content = await readRegularFile(file, FILE_REFERENCE_MAX_BYTES);
    if (!Buffer.isBuffer(content)) {
      throw new ConnectorError(content.code, `${field} names the file ${file}, which cannot be read: ${content.reason}.`, { field });
    }
    const text = content.toString("utf8");
    resolved[field] = text.includes("-----BEGIN ") ? text : content.toString("base64");
  }
  return resolved;
}
