import { SQSClient } from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { Agent } from "node:http";
import { EMBEDDED_CREDENTIALS } from "../../host/embeddedSqs.js";
import type { RunSpec } from "../protocol.js";

/** An SDK client for hand-written contenders, with keep-alive sockets as the connector's client has. */
export function benchSqsClient(spec: Pick<RunSpec, "endpoint" | "region">): SQSClient {
  return new SQSClient({
    region: spec.region,
    endpoint: spec.endpoint,
    credentials: { ...EMBEDDED_CREDENTIALS },
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 64 }) }),
  });
}
