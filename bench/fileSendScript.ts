import { SendMessageBatchCommand, SQSClient, type SendMessageBatchRequestEntry } from "@aws-sdk/client-sqs";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { EMBEDDED_CREDENTIALS } from "../host/embeddedSqs.js";

/*
 * Scenario 14's baseline: the script a developer writes to send an NDJSON file
 * ({"body": ...} per line) with SendMessageBatch, 8 requests in flight, and
 * print one JSON line per message. argv: endpoint, region, queue URL, file.
 */
const [endpoint, region, queueUrl, file] = process.argv.slice(2);
const client = new SQSClient({ region, endpoint, credentials: { ...EMBEDDED_CREDENTIALS } });
const IN_FLIGHT = 8;
const inFlight = new Set<Promise<void>>();
let failed = 0;

function send(entries: SendMessageBatchRequestEntry[]): void {
  const request = client
    .send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }))
    .then((out) => {
      for (const ok of out.Successful ?? []) process.stdout.write(`${JSON.stringify({ index: Number(ok.Id), messageId: ok.MessageId })}\n`);
      for (const bad of out.Failed ?? []) {
        failed += 1;
        process.stdout.write(`${JSON.stringify({ index: Number(bad.Id), error: bad.Code })}\n`);
      }
    })
    .finally(() => inFlight.delete(request));
  inFlight.add(request);
}

let batch: SendMessageBatchRequestEntry[] = [];
let index = 0;
for await (const line of createInterface({ input: createReadStream(file!), crlfDelay: Infinity })) {
  if (line.trim() === "") continue;
  const document = JSON.parse(line) as { body: unknown };
  batch.push({ Id: String(index++), MessageBody: typeof document.body === "string" ? document.body : JSON.stringify(document.body) });
  if (batch.length === 10) {
    send(batch);
    batch = [];
    while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
  }
}
if (batch.length > 0) send(batch);
await Promise.all(inFlight);
client.destroy();
process.exitCode = failed === 0 ? 0 : 3;
