/** The connector's public contract for hosts. */
export { connect, Connection } from "./connection.js";
export { ConnectorError, type DocumentError, type FailureStep } from "./errors.js";
export { ERROR_CODES, type ErrorCode, type ErrorKind } from "./errorCodes.js";
export type { Host, Logger, Clock, Progress } from "./host.js";
export { readManifest, type Manifest, type OperationDescriptor } from "./manifest.js";
export type { ConnectionConfig, Documents, Operation, OperationResult } from "./types.js";
export type { TestConnectionReport } from "./generated/test-report.js";
export type { QueueList } from "./generated/browse.output.js";
export type { QueueTarget } from "../operations/queueDirectory.js";
