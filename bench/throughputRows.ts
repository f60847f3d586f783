import { cpuMicrosPerMessage, messagesPerSecond, requestsPerMessage } from "./measure.js";
import type { Measurement } from "./protocol.js";
import { ratioRange, type MetricRow } from "./report.js";
import { pairedRatios, summarize } from "./stats.js";

/**
 * The rows every throughput scenario reports per contender: messages/s (with
 * the per-round ratio to `reference`), client CPU per message, HTTP requests
 * per message (what SQS bills) and requests in flight (time-weighted mean).
 */
export function throughputRows(scenario: string, samples: Map<string, Measurement[]>, count: number, reference: string): MetricRow[] {
  const rate = (name: string) => samples.get(name)!.map((m) => messagesPerSecond(m, count));
  return [...samples.entries()].flatMap(([contender, runs]): MetricRow[] => [
    {
      scenario,
      contender,
      metric: "messages/s",
      summary: summarize(rate(contender)),
      ...(contender === reference
        ? {}
        : { relative: `${ratioRange(summarize(pairedRatios(rate(contender), rate(reference))))} ${reference}` }),
    },
    { scenario, contender, metric: "client CPU µs/message", summary: summarize(runs.map((m) => cpuMicrosPerMessage(m, count))) },
    { scenario, contender, metric: "requests per message", summary: summarize(runs.map((m) => requestsPerMessage(m, count))) },
    { scenario, contender, metric: "requests in flight (mean)", summary: summarize(runs.map((m) => m.meanInFlight)) },
  ]);
}
