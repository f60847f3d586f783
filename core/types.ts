import type { AmazonSQSConnection } from "./generated/connection.js";
import type { DocumentError } from "./errors.js";

export type ConnectionConfig = AmazonSQSConnection;
/** A connection config after schema validation: the schema's defaults are filled in. */
export type ValidatedConnectionConfig = ConnectionConfig &
  Required<Pick<ConnectionConfig, "region" | "rolesAnywhereRegion" | "durationSeconds" | "maxAttempts" | "requestTimeoutSeconds">>;
export type AuthType = ConnectionConfig["authType"];

/** One result per input document (receive: one per message), carrying the input index. */
export type OperationResult<TOutput = unknown> =
  { index: number; status: "success"; document: TOutput } | { index: number; status: "error"; error: DocumentError };

export type Documents<T = unknown> = Iterable<T> | AsyncIterable<T>;

export interface Operation {
  readonly id: string;
  /** Streams one result per input document; memory stays flat however many flow through. */
  execute(documents?: Documents): AsyncIterable<OperationResult>;
}
