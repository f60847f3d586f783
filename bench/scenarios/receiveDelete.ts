import { interleavedRounds } from "../interleave.js";
import { throughputRows } from "../throughputRows.js";
import { freshQueueName, measureInChild, messagesPerSecond } from "../measure.js";
import { emptyReport, ratioRange, type ScenarioReport } from "../report.js";
import { pairedRatios, summarize } from "../stats.js";
import { RECEIVE_WAIT_SECONDS } from "../contenders/receiveSettings.js";
import { CONCURRENCY, GROUPS, MESSAGE_COUNT, type BenchContext } from "./context.js";

const CONNECTOR = "connector receive + delete";
const CONNECTOR_PINNED = `connector receive + delete, concurrency ${CONCURRENCY}`;
const SDK_LOOP = "SDK receive + delete loop";
const CONSUMER = "sqs-consumer";
const CONTENDERS = [CONNECTOR, CONNECTOR_PINNED, SDK_LOOP, CONSUMER];
const FILLER = "SDK SendMessageBatch";

/** Scenario 2: drain a queue of 20,000 messages, receiving and deleting every one. */
export async function receiveDelete(context: BenchContext): Promise<ScenarioReport> {
  const scenario = "2. Receive + delete, standard queue";
  const report = emptyReport();
  const samples = await interleavedRounds(context.rounds, CONTENDERS, async (contender, round) => {
    const queueUrl = await filledQueue(context);
    const measurement = await measureInChild(context.emulator, {
      contender: contender === CONNECTOR_PINNED ? CONNECTOR : contender,
      ...(contender === CONNECTOR_PINNED ? { connectorConfig: { concurrency: CONCURRENCY } } : {}),
      queueUrl,
      fifo: false,
      count: MESSAGE_COUNT,
      concurrency: CONCURRENCY,
      groups: GROUPS,
    });
    const left = await context.emulator.messageCount(queueUrl);
    if (left !== 0) throw new Error(`${contender} left ${left} messages on its queue`);
    await context.emulator.deleteQueue(queueUrl);
    context.log(`${scenario} round ${round + 1}: ${contender} ${Math.round(messagesPerSecond(measurement, MESSAGE_COUNT))} msg/s`);
    return measurement;
  });
  report.rows.push(...throughputRows(scenario, samples, MESSAGE_COUNT, SDK_LOOP));
  const rate = (name: string) => samples.get(name)!.map((m) => messagesPerSecond(m, MESSAGE_COUNT));
  const versusLoop = summarize(pairedRatios(rate(CONNECTOR), rate(SDK_LOOP)));
  report.targets.push({
    scenario,
    target: `connector >= 0.9x ${SDK_LOOP} (messages/s)`,
    measured: ratioRange(versusLoop),
    met: versusLoop.median >= 0.9,
  });
  report.notes.push(
    `Receive: each run drains a queue holding exactly ${MESSAGE_COUNT.toLocaleString("en-US")} messages (queues filled by the send scenario), ${CONCURRENCY} polls in flight (the connector: its defaults, and pinned at ${CONCURRENCY} for its receive and its delete), 10 messages per ReceiveMessage with all system and message attributes (the connector's default), ${RECEIVE_WAIT_SECONDS} s long poll, DeleteMessageBatch of 10; messages/s counts deleted messages.`,
  );
  return report;
}

/** A queue the send scenario filled, or (when it did not run) one filled here, outside any measurement. */
async function filledQueue(context: BenchContext): Promise<string> {
  const reused = context.filledQueues.shift();
  if (reused !== undefined) {
    const stored = await context.emulator.messageCount(reused);
    if (stored !== MESSAGE_COUNT) throw new Error(`a filled queue holds ${stored} messages, not ${MESSAGE_COUNT}`);
    return reused;
  }
  const queueUrl = await context.emulator.createQueue(freshQueueName("receive", false));
  await measureInChild(context.emulator, {
    contender: FILLER,
    queueUrl,
    fifo: false,
    count: MESSAGE_COUNT,
    concurrency: CONCURRENCY,
    groups: GROUPS,
  });
  return queueUrl;
}
