import { freshQueueName, measureInChild } from "../measure.js";
import { CONCURRENCY, GROUPS, type BenchContext } from "./context.js";

const WARM_UP_MESSAGES = 10_000;

/**
 * Sends and drains one unmeasured queue, so the emulator's JIT is warm before
 * the first measured run rather than during it.
 */
export async function warmUpEmulator(context: BenchContext): Promise<void> {
  const queueUrl = await context.emulator.createQueue(freshQueueName("warm-up", false));
  const run = { queueUrl, fifo: false, count: WARM_UP_MESSAGES, concurrency: CONCURRENCY, groups: GROUPS };
  await measureInChild(context.emulator, { ...run, contender: "SDK SendMessageBatch" });
  await measureInChild(context.emulator, { ...run, contender: "SDK receive + delete loop" });
  await context.emulator.deleteQueue(queueUrl);
  context.log("emulator warmed up");
}
