import type { ErrorCode } from "./errorCodes.js";
import { ConnectorError } from "./errors.js";
import type { Logger } from "./host.js";
import { Redactor } from "./redaction.js";
import { schemaRegistry } from "./schemaRegistry.js";

/*
 * What every public entry (a connection, the Roles Anywhere credential provider)
 * does at its edge so that no secret leaves it: seed a Redactor with the secret
 * fields, and pass errors and log lines through it.
 */

/** Values of the fields the connection schema marks writeOnly (secrets). */
export function secretValues(config: unknown): string[] {
  if (config === null || typeof config !== "object") return [];
  const schema = schemaRegistry().schemas.get("schemas/connection.json") as { properties: Record<string, { writeOnly?: boolean }> };
  return Object.entries(schema.properties)
    .filter(([, property]) => property.writeOnly === true)
    .map(([name]) => (config as Record<string, unknown>)[name])
    .filter((value): value is string => typeof value === "string");
}

/**
 * Redacts a connection config's secrets from text: for hosts that log a failure
 * outside any connection (a designer request that failed before connecting).
 */
export function secretRedaction(config: unknown): (text: string) => string {
  const redactor = new Redactor();
  for (const secret of secretValues(config)) redactor.add(secret);
  return (text) => redactor.text(text);
}

/** A ConnectorError with every secret removed; anything else becomes one with `fallbackCode`. */
export function redactedError(error: unknown, redactor: Redactor, fallbackCode: ErrorCode = "SQS_REQUEST_REJECTED"): ConnectorError {
  const connectorError =
    error instanceof ConnectorError
      ? error
      : new ConnectorError(fallbackCode, `Unexpected failure: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
  return connectorError.redacted((text) => redactor.text(text));
}

export function redactingLogger(logger: Logger, redactor: Redactor): Logger {
  const wrap =
    (level: keyof Logger) =>
    (message: string, fields?: Record<string, unknown>): void =>
      logger[level](redactor.text(message), fields === undefined ? undefined : redactor.value(fields));
  return { debug: wrap("debug"), info: wrap("info"), warn: wrap("warn"), error: wrap("error") };
}
