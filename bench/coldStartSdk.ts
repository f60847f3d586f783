import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { EMBEDDED_CREDENTIALS } from "../host/embeddedSqs.js";
import { iotRecordText } from "./records.js";

/*
 * Scenario 5's baseline: the least a script needs to send one document with
 * the SDK and print the result. argv: endpoint, region, queue URL.
 */
const [endpoint, region, queueUrl] = process.argv.slice(2);
const client = new SQSClient({ region, endpoint, credentials: { ...EMBEDDED_CREDENTIALS } });
const out = await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: iotRecordText(0, 1) }));
process.stdout.write(`${JSON.stringify({ messageId: out.MessageId })}\n`);
client.destroy();
