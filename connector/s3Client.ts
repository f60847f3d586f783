import * as sdk from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { CredentialSource } from "../auth/credentialSource.js";
import type { ValidatedConnectionConfig } from "../core/types.js";
import type { S3Access } from "../operations/context.js";
import { connectionHttpHandler, sdkEndpoint } from "./httpHandler.js";
import type { SqsClientSettings } from "./sqsClient.js";

/**
 * The S3 client of a connection, for large payloads: same credentials, region,
 * retries, timeouts and proxies as its SQS client, its own endpoint
 * (`s3Endpoint`, never the SQS one). This module is imported only when a
 * connection first needs S3, so work without large payloads never loads
 * @aws-sdk/client-s3 or @aws-sdk/lib-storage.
 */
export function createS3Access(config: ValidatedConnectionConfig, settings: SqsClientSettings, credentials: CredentialSource): S3Access {
  const custom = settings.endpoint !== undefined;
  const client = new sdk.S3Client({
    region: settings.region,
    ...sdkEndpoint(settings.endpoint),
    // A custom endpoint (VPC endpoint URL, S3-compatible storage, an emulator) is addressed path-style:
    // bucket names as host names need wildcard DNS and certificates such endpoints rarely have.
    forcePathStyle: custom,
    // The SDK's default checksums (CRC32 on every upload, validated on reads) are refused by several
    // S3-compatible stores; AWS's own endpoints keep them.
    ...(custom ? { requestChecksumCalculation: "WHEN_REQUIRED" as const, responseChecksumValidation: "WHEN_REQUIRED" as const } : {}),
    credentials: credentials.provider,
    maxAttempts: config.maxAttempts,
    requestHandler: connectionHttpHandler(config, settings.logger),
  });
  return { client, sdk, Upload };
}
