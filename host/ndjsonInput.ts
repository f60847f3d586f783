import { constants as bufferConstants } from "node:buffer";
import { constants, createReadStream } from "node:fs";
import { access, stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { ConnectorError, documentError, schemaRegistry, type DocumentError } from "../connector/index.js";
import { jsonErrorPosition } from "./jsonFiles.js";

export type InputLine = { kind: "document"; value: unknown } | { kind: "invalid"; error: DocumentError };

/** Longest accepted line: a 1 MiB body plus attributes and JSON escaping fit with room to spare. */
export const MAX_LINE_BYTES = 4 * 1024 * 1024;

/**
 * The longest line for an operation's input: with largePayload, documents
 * carry bodies up to maxPayloadBytes (send's, and receive results piped into
 * delete), twice that for JSON escaping, but never more than one string V8 can
 * hold (about 512 MiB).
 */
export function maxLineBytesFor(config: Record<string, unknown>): number {
  const largePayload = config["largePayload"] as { maxPayloadBytes?: unknown } | undefined;
  if (largePayload === null || typeof largePayload !== "object") return MAX_LINE_BYTES;
  const schema = schemaRegistry().schemas.get("schemas/common.json") as {
    $defs: { largePayloadSend: { properties: { maxPayloadBytes: { default: number } } } };
  };
  const payloadBytes =
    typeof largePayload.maxPayloadBytes === "number"
      ? largePayload.maxPayloadBytes
      : schema.$defs.largePayloadSend.properties.maxPayloadBytes.default;
  return Math.min(2 * payloadBytes + MAX_LINE_BYTES, bufferConstants.MAX_STRING_LENGTH);
}

/**
 * Reads NDJSON documents, one per non-blank line. A success envelope from an
 * earlier command is unwrapped to its document, so `receive | delete` pipes.
 * A bad line becomes an `invalid` entry (it still gets its own result); an
 * over-long line is skipped without being held in memory.
 */
export async function* readNdjson(input: Readable, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<InputLine> {
  let parts: Buffer[] = [];
  let length = 0;
  let lineNumber = 0;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    let buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    for (let newline = buffer.indexOf(10); newline !== -1; newline = buffer.indexOf(10)) {
      lineNumber += 1;
      const line = take(buffer.subarray(0, newline));
      buffer = buffer.subarray(newline + 1);
      if (line !== undefined) yield line;
    }
    if (length <= maxLineBytes) parts.push(buffer);
    length += buffer.length;
  }
  if (length > 0) {
    lineNumber += 1;
    const line = take(Buffer.alloc(0));
    if (line !== undefined) yield line;
  }

  function take(tail: Buffer): InputLine | undefined {
    const total = length + tail.length;
    // Most lines lie within one chunk: decode them in place, without copying.
    const text =
      total > maxLineBytes ? undefined : parts.length === 0 ? tail.toString("utf8") : Buffer.concat([...parts, tail]).toString("utf8");
    parts = [];
    length = 0;
    if (text === undefined) {
      const hint = maxLineBytes === MAX_LINE_BYTES ? "; set largePayload in the configuration for larger documents" : "";
      return invalid(`Line ${lineNumber} is ${total} bytes; lines are limited to ${maxLineBytes} bytes (one document per line${hint}).`);
    }
    // Blank: no character but whitespace (found at the first one of a document line, without copying it).
    if (!/\S/.test(text)) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const at = jsonErrorPosition(error, text);
      return invalid(
        `Line ${lineNumber} is not valid JSON${at === undefined ? "" : ` (column ${at.column})`}; write one JSON document per line.`,
      );
    }
    return unwrapEnvelope(value, lineNumber);
  }
}

function unwrapEnvelope(value: unknown, lineNumber: number): InputLine {
  if (value !== null && typeof value === "object" && "status" in value && "index" in value) {
    const envelope = value as { status: unknown; document?: unknown; error?: { code?: unknown } };
    if (envelope.status === "success" && "document" in envelope) return { kind: "document", value: envelope.document };
    if (envelope.status === "error") {
      return invalid(`Line ${lineNumber} is an error result (${String(envelope.error?.code)}) from an earlier step, not a document.`);
    }
  }
  return { kind: "document", value };
}

function invalid(message: string): InputLine {
  return { kind: "invalid", error: documentError("DOCUMENT_INVALID", message) };
}

/** The NDJSON input of a command: a file (or a pipe or device that streams it), or stdin when none is named; `field` names where the file was given. */
export async function openInput(file: string | undefined, field = "input"): Promise<Readable> {
  // The same pipe as a file stream would block a thread in each read, and a run that failed could not let go of it.
  if (file === undefined || file === "/dev/stdin") return process.stdin;
  const refuse = (reason: string) => new ConnectorError("CONFIG_INVALID", `Cannot read the input file ${file}: ${reason}.`, { field });
  try {
    await access(file, constants.R_OK);
  } catch {
    throw refuse("it does not exist or is not readable");
  }
  if ((await stat(file)).isDirectory()) throw refuse("it is a directory; give an NDJSON file, or leave out --input to read stdin");
  return createReadStream(file);
}
