import { interleavedRounds } from "../interleave.js";
import { cpuMicrosPerMessage, freshQueueName, measureInChild } from "../measure.js";
import { emptyReport, ratioRange, type ScenarioReport } from "../report.js";
import { pairedRatios, summarize } from "../stats.js";
import type { BenchContext } from "./context.js";

const CONNECTOR = "connector send (largePayload)";
const SDK_LOOP = "SDK PutObject + SendMessage";
const CONTENDERS = [CONNECTOR, SDK_LOOP];
const MiB = 1024 * 1024;
const BODY_BYTES = 4 * MiB;
const DOCUMENTS = 40;
/** Bodies stored at once: the connector's own limit (manifest.json s3Limits.payloadConcurrency), for both. */
const CONCURRENCY = 4;

/**
 * Scenario 10: 40 bodies of 4 MiB (160 MiB) per run, each stored in S3 and sent
 * as a pointer message, on the embedded emulator (SQS and S3 on one port, its
 * own process): the connector's send with largePayload against the loop the
 * Extended Client Library amounts to (PutObject, then SendMessage).
 */
export async function largePayloadSend(context: BenchContext): Promise<ScenarioReport> {
  const scenario = "10. large payloads through S3";
  const report = emptyReport();
  const bucket = `bench-payloads-${process.pid}`;
  await context.emulator.createBucket(bucket);
  const send = async (contender: string) => {
    const queueUrl = await context.emulator.createQueue(freshQueueName("large", false));
    const request = {
      contender,
      queueUrl,
      fifo: false,
      count: DOCUMENTS,
      concurrency: CONCURRENCY,
      groups: 1,
      bucket,
      bodyBytes: BODY_BYTES,
    };
    const measurement = await measureInChild(context.emulator, request);
    const left = await context.emulator.messageCount(queueUrl);
    await context.emulator.deleteQueue(queueUrl);
    if (left !== DOCUMENTS) throw new Error(`${contender} left ${left} messages, not ${DOCUMENTS}`);
    return measurement;
  };
  await send(SDK_LOOP);
  context.log(`${scenario}: emulator warmed up`);
  const samples = await interleavedRounds(context.rounds, CONTENDERS, async (contender, round) => {
    const measurement = await send(contender);
    context.log(`${scenario} round ${round + 1}: ${contender} ${mibPerSecond(measurement.wallMs).toFixed(0)} MiB/s`);
    return measurement;
  });
  const rate = (name: string) => samples.get(name)!.map((m) => mibPerSecond(m.wallMs));
  for (const contender of CONTENDERS) {
    const runs = samples.get(contender)!;
    report.rows.push({
      scenario,
      contender,
      metric: "MiB/s",
      summary: summarize(rate(contender)),
      ...(contender === SDK_LOOP
        ? {}
        : { relative: `${ratioRange(summarize(pairedRatios(rate(contender), rate(SDK_LOOP))))} ${SDK_LOOP}` }),
    });
    report.rows.push({
      scenario,
      contender,
      metric: "client CPU ms/document",
      summary: summarize(runs.map((m) => cpuMicrosPerMessage(m, DOCUMENTS) / 1000)),
    });
    report.rows.push({ scenario, contender, metric: "peak RSS MiB", summary: summarize(runs.map((m) => m.maxRssKiB / 1024)) });
  }
  report.notes.push(
    `Large payloads: ${DOCUMENTS} bodies of ${BODY_BYTES / MiB} MiB per run into a fresh standard queue, each stored in S3 (a bucket on the embedded emulator, path-style) and sent as a pointer with SQSLargePayloadSize; ${CONCURRENCY} bodies in flight for both. The connector uploads bodies over 8 MiB in parts (not reached here), checks every body's characters and batches the pointer messages ten to a SendMessageBatch; the loop sends one SendMessage per body.`,
  );
  return report;
}

function mibPerSecond(wallMs: number): number {
  return ((DOCUMENTS * BODY_BYTES) / MiB / wallMs) * 1000;
}
