import { checkedEndpoint } from "../core/endpoints.js";
import type { ValidatedConnectionConfig } from "../core/types.js";
import type { SqsClientSettings } from "./sqsClient.js";

/**
 * The client settings of a service beside SQS (Kinesis, S3): its own endpoint
 * override, checked like SQS's, never SQS's. `explain` logs, when it is first
 * used, that without one it goes to AWS even though SQS has an endpoint.
 */
export function otherService(
  config: ValidatedConnectionConfig,
  field: "kinesisEndpoint" | "s3Endpoint",
  service: string,
  sqs: SqsClientSettings,
): { client: SqsClientSettings; explain(): void } {
  const value = config[field];
  const endpoint = value === undefined ? undefined : checkedEndpoint(value, field);
  return {
    client: { region: sqs.region, endpoint, logger: sqs.logger },
    explain() {
      if (sqs.endpoint === undefined || endpoint !== undefined) return;
      sqs.logger.info(
        `${field} is not set: ${service} requests go to AWS in ${sqs.region}, not to the SQS endpoint ${sqs.endpoint.origin}.`,
      );
    },
  };
}
