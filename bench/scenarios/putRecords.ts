import type { KinesisEmulatorProcess } from "../kinesisEmulator.js";
import { interleavedRounds } from "../interleave.js";
import { cpuMicrosPerMessage, measureInChild, messagesPerSecond, requestsPerMessage } from "../measure.js";
import { emptyReport, ratioRange, type ScenarioReport } from "../report.js";
import { pairedRatios, summarize } from "../stats.js";
import { CONCURRENCY, MESSAGE_COUNT, type BenchContext } from "./context.js";

const CONNECTOR = "connector putRecords";
const UNORDERED = "connector putRecords (ordering none)";
const SDK_LOOP = "SDK PutRecords loop";
const CONTENDERS = [CONNECTOR, UNORDERED, SDK_LOOP];
/** Devices in the records: the partition keys. */
const DEVICES = 500;
const SHARDS = 4;

let streamSerial = 0;

/**
 * Scenario 7: 20,000 one-KiB records into a fresh 4-shard stream per run on
 * the embedded Kinesis (kinesalite, its own process), every contender with 8
 * requests in flight, the device id (500 devices) as partition key.
 */
export async function putRecordsThroughput(context: BenchContext, kinesis: KinesisEmulatorProcess): Promise<ScenarioReport> {
  const scenario = "7. Kinesis putRecords";
  const report = emptyReport();
  const put = async (contender: string) => {
    streamSerial += 1;
    const streamName = `bench-put-${process.pid}-${streamSerial}`;
    await kinesis.createStream(streamName, SHARDS);
    const request = { contender, queueUrl: "", streamName, fifo: false, count: MESSAGE_COUNT, concurrency: CONCURRENCY, groups: DEVICES };
    return { streamName, measurement: await measureInChild(kinesis, request) };
  };
  // One unmeasured run, so the emulator's JIT is warm before the first measured one.
  await put(SDK_LOOP);
  context.log(`${scenario}: emulator warmed up`);
  const samples = await interleavedRounds(context.rounds, CONTENDERS, async (contender, round) => {
    const { streamName, measurement } = await put(contender);
    const stored = await kinesis.recordCount(streamName);
    if (stored !== MESSAGE_COUNT) throw new Error(`${contender} left ${stored} records in its stream, not ${MESSAGE_COUNT}`);
    context.log(`${scenario} round ${round + 1}: ${contender} ${Math.round(messagesPerSecond(measurement, MESSAGE_COUNT))} records/s`);
    return measurement;
  });
  const rate = (name: string) => samples.get(name)!.map((m) => messagesPerSecond(m, MESSAGE_COUNT));
  const cpu = (name: string) => samples.get(name)!.map((m) => cpuMicrosPerMessage(m, MESSAGE_COUNT));
  for (const contender of CONTENDERS) {
    report.rows.push({
      scenario,
      contender,
      metric: "records/s",
      summary: summarize(rate(contender)),
      ...(contender === SDK_LOOP
        ? {}
        : { relative: `${ratioRange(summarize(pairedRatios(rate(contender), rate(SDK_LOOP))))} ${SDK_LOOP}` }),
    });
    report.rows.push({ scenario, contender, metric: "client CPU µs/record", summary: summarize(cpu(contender)) });
    // How full the requests are, and how many the emulator has to serve at once.
    const runs = samples.get(contender)!;
    report.rows.push({
      scenario,
      contender,
      metric: "records per request",
      summary: summarize(runs.map((m) => 1 / requestsPerMessage(m, MESSAGE_COUNT))),
    });
    report.rows.push({ scenario, contender, metric: "requests in flight (mean)", summary: summarize(runs.map((m) => m.meanInFlight)) });
  }
  report.notes.push(
    `Kinesis: ${MESSAGE_COUNT.toLocaleString("en-US")} records of 1 KiB JSON per run into a fresh ${SHARDS}-shard stream on kinesalite, ${CONCURRENCY} requests in flight for every contender, the device id (${DEVICES} devices) as partition key. The hand-written loop gives each device to one worker and sends 500 records per request; the connector by default carries at most one record per device in a request and keeps a device out of two requests at once (its order survives partial failures); "ordering none" fills requests freely as the loop does.`,
  );
  return report;
}
