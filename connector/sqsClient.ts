import { SQSClient } from "@aws-sdk/client-sqs";
import type { CredentialSource } from "../auth/credentialSource.js";
import type { Logger } from "../core/host.js";
import type { ValidatedConnectionConfig } from "../core/types.js";
import { connectionHttpHandler, sdkEndpoint } from "./httpHandler.js";
import { keepProtoMessageAttributes } from "./protoMessageAttributes.js";

export interface SqsClientSettings {
  region: string;
  endpoint: URL | undefined;
  logger: Logger;
}

/** The one SQS client a connection owns; operations borrow it. */
export function createSqsClient(config: ValidatedConnectionConfig, settings: SqsClientSettings, credentials: CredentialSource): SQSClient {
  const client = new SQSClient({
    region: settings.region,
    ...sdkEndpoint(settings.endpoint),
    // Requests go to the endpoint override or the region's SQS endpoint, never to the host a queue URL
    // names (the SDK's default when no endpoint is set), so a queue URL cannot send signatures elsewhere.
    useQueueUrlAsEndpoint: false,
    credentials: credentials.provider,
    maxAttempts: config.maxAttempts,
    requestHandler: connectionHttpHandler(config, settings.logger),
  });
  keepProtoMessageAttributes(client);
  return client;
}
