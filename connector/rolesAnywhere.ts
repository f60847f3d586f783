/**
 * The package's `sqs-connector/roles-anywhere` entry: IAM Roles Anywhere as an
 * AWS SDK v3 credential provider for any SDK client, sharing the connections'
 * process-wide session cache. It loads no SQS client.
 */
export { fromRolesAnywhere, type RolesAnywhereHost } from "../auth/rolesAnywhere/credentialProvider.js";
export type { RolesAnywhereSettings } from "../auth/rolesAnywhere/rolesAnywhereSettings.js";
export { clearSessionCredentialCache } from "../auth/rolesAnywhere/credentialCache.js";
export { ConnectorError, type FailureStep } from "../core/errors.js";
export type { ErrorCode, ErrorKind } from "../core/errorCodes.js";
export type { Clock, Logger } from "../core/host.js";
