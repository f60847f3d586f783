import { startEmbeddedKinesis } from "../host/embeddedKinesis.js";

/*
 * The embedded Kinesis in a process of its own, so the emulator's CPU never
 * counts as a contender's. Prints {"endpoint", "region"} as one JSON line once
 * it listens, and stops when its parent closes stdin or sends SIGTERM.
 */
const kinesis = await startEmbeddedKinesis();
process.stdout.write(`${JSON.stringify({ endpoint: kinesis.endpoint, region: kinesis.region })}\n`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void kinesis.stop().finally(() => process.exit(0));
};
process.stdin.on("end", stop).resume();
process.on("SIGTERM", stop);
