import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { randomUUID } from "node:crypto";
import { Agent } from "node:http";
import { connect } from "../../connector/index.js";
import { EMBEDDED_CREDENTIALS } from "../../host/embeddedSqs.js";
import { countFailure, emptyTally, type RunSpec } from "../protocol.js";
import { runWorkers } from "./batchSource.js";
import type { Contender } from "./contender.js";
import { benchSqsClient } from "./sdkClient.js";
import { tallyResults } from "./tally.js";

/** The connector's send with largePayload always on: every body stored in S3, the message a pointer. */
export const connectorLargeSend: Contender = async (spec) => {
  const connection = connect({
    authType: "accessKeys",
    ...EMBEDDED_CREDENTIALS,
    region: spec.region,
    endpoint: spec.endpoint,
    s3Endpoint: spec.endpoint,
  });
  const operation = connection.operation("send", {
    queueUrl: spec.queueUrl,
    concurrency: spec.concurrency,
    largePayload: { bucket: spec.bucket, always: true },
  });
  return {
    run: () => tallyResults(operation.execute(bodies(spec))),
    close: async () => connection.close(),
  };
};

/**
 * What the Extended Client Library does per message, written by hand: PutObject
 * of the body, then SendMessage of the pointer with the size attribute,
 * `concurrency` workers at once.
 */
export const sdkPutObjectSendMessage: Contender = async (spec) => {
  const sqs = benchSqsClient(spec);
  const s3 = new S3Client({
    region: spec.region,
    endpoint: spec.endpoint,
    forcePathStyle: true,
    credentials: { ...EMBEDDED_CREDENTIALS },
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 64 }) }),
  });
  return {
    async run() {
      const tally = emptyTally();
      const documents = bodies(spec);
      await runWorkers(spec.concurrency, async () => {
        for (let next = documents.next(); next.done !== true; next = documents.next()) {
          const body = next.value.body;
          const key = randomUUID();
          try {
            await s3.send(new PutObjectCommand({ Bucket: spec.bucket, Key: key, Body: body }));
            await sqs.send(
              new SendMessageCommand({
                QueueUrl: spec.queueUrl,
                MessageBody: JSON.stringify([
                  "software.amazon.payloadoffloading.PayloadS3Pointer",
                  { s3BucketName: spec.bucket, s3Key: key },
                ]),
                MessageAttributes: { SQSLargePayloadSize: { DataType: "Number", StringValue: String(Buffer.byteLength(body)) } },
              }),
            );
            tally.succeeded += 1;
          } catch (error) {
            countFailure(tally, String(error));
          }
        }
      });
      return tally;
    },
    close: async () => {
      sqs.destroy();
      s3.destroy();
    },
  };
};

/** `count` bodies of `bodyBytes` each, every one different (its index up front), made as they are taken. */
function* bodies(spec: RunSpec): Generator<{ body: string }> {
  const filler = "0123456789abcdef".repeat(Math.ceil((spec.bodyBytes ?? 0) / 16));
  for (let index = 0; index < spec.count; index++) {
    const head = `${index}:`;
    yield { body: head + filler.slice(0, (spec.bodyBytes ?? 0) - head.length) };
  }
}
