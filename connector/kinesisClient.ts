import * as sdk from "@aws-sdk/client-kinesis";
import type { CredentialSource } from "../auth/credentialSource.js";
import type { ValidatedConnectionConfig } from "../core/types.js";
import type { KinesisAccess } from "../operations/context.js";
import { connectionHttpHandler, sdkEndpoint } from "./httpHandler.js";
import type { SqsClientSettings } from "./sqsClient.js";

/**
 * The Kinesis client of a connection: same credentials, region, retries and
 * timeouts as its SQS client, its own endpoint (`kinesisEndpoint`, never the
 * SQS one). This module is imported only when a connection first needs
 * Kinesis, so SQS-only work never loads @aws-sdk/client-kinesis. The SDK's
 * default handler for Kinesis is HTTP/2 (for SubscribeToShard); PutRecords and
 * the control-plane calls used here work over HTTP/1.1 with keep-alive, which
 * every emulator and proxy speaks.
 */
export function createKinesisAccess(
  config: ValidatedConnectionConfig,
  settings: SqsClientSettings,
  credentials: CredentialSource,
): KinesisAccess {
  const client = new sdk.KinesisClient({
    region: settings.region,
    ...sdkEndpoint(settings.endpoint),
    credentials: credentials.provider,
    maxAttempts: config.maxAttempts,
    requestHandler: connectionHttpHandler(config, settings.logger),
  });
  return { client, sdk };
}
