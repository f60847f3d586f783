/**
 * The connector's public entry: everything a host (the CLI, Node-RED, a
 * platform adapter) may use. Hosts import nothing else of this package.
 */
export { connect, Connection } from "./connection.js";
export { assertKnownContractVersion, KNOWN_CONTRACT_VERSIONS } from "./contractVersion.js";
export { secretRedaction } from "../core/redactedOutput.js";
export { ConnectorError, documentError, type DocumentError, type FailureStep } from "../core/errors.js";
export { ERROR_CODES, type ErrorCode, type ErrorKind } from "../core/errorCodes.js";
export type { Host, Logger, Clock, Progress } from "../core/host.js";
export { packageRoot, readManifest, readSchemas, type Manifest, type OperationDescriptor } from "../core/manifest.js";
export { schemaRegistry, type SchemaRegistry } from "../core/schemaRegistry.js";
export { validateConfig } from "../core/validation.js";
export { nearestName, nearestNames } from "../core/nearestName.js";
export type { ProcessFile } from "../core/generated/process.js";
export type { ConnectionConfig, Documents, Operation, OperationResult } from "../core/types.js";
export type { TestConnectionReport } from "../core/generated/test-report.js";
export type { BrowseResult, QueueList, StreamList } from "../core/generated/browse.output.js";
export type { QueueTarget } from "../operations/queueDirectory.js";
export { streamNameOfArn, type StreamTarget } from "../operations/putRecords/streamDirectory.js";
export type { ConnectionTestTarget } from "./testConnection.js";
export type {
  BatchHandler,
  BatchItemFailure,
  HandlerContext,
  ListenDocument,
  Listener,
  ListenHandler,
  ListenOptions,
  ListenSummary,
  MessageHandler,
} from "../operations/listen/listenTypes.js";
export { RetryLater } from "../operations/listen/listenTypes.js";
