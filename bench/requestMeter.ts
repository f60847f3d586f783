import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";

/** HTTP requests a run made, and how many were in flight: time-weighted mean and peak. */
export interface RequestCounts {
  requests: number;
  meanInFlight: number;
  peakInFlight: number;
}

/**
 * Counts every HTTP request this process starts, whoever starts it (the SDK's
 * handler, sqs-producer, sqs-consumer), through Node's diagnostics channel:
 * the same count for every contender, and nothing added to their code. A
 * request is in flight from its start until its socket work is done ("close").
 */
export function startRequestMeter(): { stop(): RequestCounts } {
  const started = performance.now();
  let requests = 0;
  let inFlight = 0;
  let peak = 0;
  let area = 0;
  let last = started;
  const advance = (): void => {
    const now = performance.now();
    area += inFlight * (now - last);
    last = now;
  };
  const step = (change: 1 | -1): void => {
    advance();
    inFlight += change;
    peak = Math.max(peak, inFlight);
  };
  const onStart = (message: unknown): void => {
    requests += 1;
    step(1);
    (message as { request: ClientRequest }).request.once("close", () => step(-1));
  };
  subscribe("http.client.request.start", onStart);
  return {
    stop() {
      unsubscribe("http.client.request.start", onStart);
      advance();
      const elapsed = performance.now() - started;
      return { requests, meanInFlight: elapsed > 0 ? area / elapsed : 0, peakInFlight: peak };
    },
  };
}
