import { startEmbeddedSqs } from "../host/embeddedSqs.js";

/*
 * The embedded SQS in a process of its own, so the emulator's CPU never counts
 * as a contender's. Prints {"endpoint", "region"} as one JSON line once it
 * listens, and stops when its parent closes stdin or sends SIGTERM.
 */
const sqs = await startEmbeddedSqs();
process.stdout.write(`${JSON.stringify({ endpoint: sqs.endpoint, region: sqs.region })}\n`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void sqs.stop().finally(() => process.exit(0));
};
process.stdin.on("end", stop).resume();
process.on("SIGTERM", stop);
