import { freshQueueName } from "../measure.js";
import { mergeReports, type ScenarioReport } from "../report.js";
import { MESSAGE_COUNT, type BenchContext } from "./context.js";
import {
  EQUAL_IN_FLIGHT,
  filledQueue,
  LATENCIES_MS,
  LOOP_IN_FLIGHT,
  messagesFor,
  throughLatency,
  type LatencyContender,
} from "./latency.js";

/** One job's contenders: the connector, the hand-written loop and the library, by their contender keys and labels. */
interface Job {
  connector: string;
  loop: string;
  loopLabel: string;
  library: string;
  /** The library with its defaults: one request at a time. */
  libraryDefaults: string;
  libraryAtEqual: string;
  /** Round trips a loop or the library spends per batch of 10 (receive + delete: two). */
  roundTripsPerBatch: number;
}

const SEND: Job = {
  connector: "connector send",
  loop: "SDK SendMessageBatch",
  loopLabel: "SDK SendMessageBatch loop",
  library: "sqs-producer",
  libraryDefaults: "sqs-producer (defaults)",
  libraryAtEqual: `sqs-producer, ${EQUAL_IN_FLIGHT} callers`,
  roundTripsPerBatch: 1,
};

const RECEIVE_DELETE: Job = {
  connector: "connector receive + delete",
  loop: "SDK receive + delete loop",
  loopLabel: "SDK receive + delete loop",
  library: "sqs-consumer",
  libraryDefaults: "sqs-consumer (one consumer)",
  libraryAtEqual: `sqs-consumer, ${EQUAL_IN_FLIGHT} consumers`,
  roundTripsPerBatch: 2,
};

/**
 * The connector with its defaults (judged), the hand-written loop at 8 to 64
 * requests in flight, the library with its defaults, and the connector and the
 * library at equal settings (64).
 */
function contendersOf(job: Job, latencyMs: number): LatencyContender[] {
  const connector = (label: string, connectorConfig?: Record<string, unknown>): LatencyContender => ({
    label,
    run: { contender: job.connector, concurrency: 0, ...(connectorConfig === undefined ? {} : { connectorConfig }) },
    count: MESSAGE_COUNT,
  });
  return [
    { ...connector(`${job.connector} (defaults)`), judged: true },
    ...LOOP_IN_FLIGHT.map((inFlight) => ({
      label: `${job.loopLabel}, ${inFlight} in flight`,
      run: { contender: job.loop, concurrency: inFlight },
      count: messagesFor(inFlight, latencyMs, job.roundTripsPerBatch),
      loop: true,
    })),
    {
      label: job.libraryDefaults,
      run: { contender: job.library, concurrency: 1 },
      count: messagesFor(1, latencyMs, job.roundTripsPerBatch),
    },
    connector(`${job.connector}, concurrency ${EQUAL_IN_FLIGHT}`, { concurrency: EQUAL_IN_FLIGHT }),
    { label: job.libraryAtEqual, run: { contender: job.library, concurrency: EQUAL_IN_FLIGHT }, count: MESSAGE_COUNT },
  ];
}

/** A job at every latency: its contenders through the proxy, one report with `note`. */
async function atEveryLatency(
  context: BenchContext,
  job: Job,
  title: string,
  queueFor: (contender: LatencyContender) => Promise<string>,
  check: (contender: LatencyContender, queueUrl: string) => Promise<void>,
  note: string,
): Promise<ScenarioReport> {
  const reports: ScenarioReport[] = [];
  for (const latencyMs of LATENCIES_MS) {
    reports.push(
      await throughLatency(
        context,
        `${title} through ${latencyMs} ms round trips`,
        latencyMs,
        contendersOf(job, latencyMs),
        queueFor,
        check,
      ),
    );
  }
  const report = mergeReports(reports);
  report.notes.push(note);
  return report;
}

/**
 * Scenario 11: send 20,000 documents through a proxy that adds 20 or 80 ms to
 * every request, to a fresh queue per run.
 */
export function latencySend(context: BenchContext): Promise<ScenarioReport> {
  return atEveryLatency(
    context,
    SEND,
    "11. Send",
    () => context.emulator.createQueue(freshQueueName("latency-send", false)),
    async (contender, queueUrl) => {
      const stored = await context.emulator.messageCount(queueUrl);
      if (stored !== contender.count) throw new Error(`${contender.label} left ${stored} messages, not ${contender.count}`);
    },
    `Latency: a proxy in its own process (bench/latencyProxyProcess.ts, test/support/faultProxy.ts with latencyMs) holds every request half the round trip before forwarding it to the emulator and half before answering; standard queues. Contenders with a fixed number of requests in flight move ${MESSAGE_COUNT.toLocaleString("en-US")} messages per run, or what they move in about 8 s when that is fewer (at least 500; their rate is steady from the first round trip); the connector always moves ${MESSAGE_COUNT.toLocaleString("en-US")}, its ramp-up included. Requests in flight: time-weighted mean over the run, counted in the contender's process (bench/requestMeter.ts); requests per message counts every HTTP request of the run (the connector's GetQueueAttributes too). "Best loop": the fastest hand-written loop of the same round.`,
  );
}

/**
 * Scenario 12: receive and delete 20,000 messages through the same proxy, from
 * a queue filled (outside the measurement) for each run.
 */
export function latencyReceiveDelete(context: BenchContext): Promise<ScenarioReport> {
  return atEveryLatency(
    context,
    RECEIVE_DELETE,
    "12. Receive + delete",
    (contender) => filledQueue(context, contender.count),
    async (contender, queueUrl) => {
      const left = await context.emulator.messageCount(queueUrl);
      if (left !== 0) throw new Error(`${contender.label} left ${left} messages on its queue`);
    },
    "Receive + delete through latency: each run drains a queue filled (straight into the emulator, unmeasured) with exactly its message count; 10 messages per ReceiveMessage with all attributes, 5 s long poll, DeleteMessageBatch of 10. The connector's concurrency applies to its receive and to its delete, each up to the number (so up to twice as many requests in flight as a loop of that number); sqs-consumer polls one request at a time per consumer, batches of 10.",
  );
}
