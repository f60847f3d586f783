import { benchScript, lastJsonLine, runNode } from "./childProcess.js";
import type { Measurement, RunSpec } from "./protocol.js";

export type RunRequest = Omit<RunSpec, "endpoint" | "region">;

/**
 * Runs one contender in a fresh child process against the emulator (or a proxy in front of it) and checks
 * it did all of its work: a run that lost documents has no valid timing.
 */
export async function measureInChild(
  target: { endpoint: string; region: string },
  request: RunRequest,
  nodeOptions: string[] = [],
): Promise<Measurement> {
  const spec: RunSpec = { ...request, endpoint: target.endpoint, region: target.region };
  const output = await runNode(benchScript("measuredRun.js"), [JSON.stringify(spec)], request.contender, nodeOptions);
  const measurement = lastJsonLine<Measurement>(output.stdout);
  if (measurement.succeeded !== request.count || measurement.failed > 0) {
    throw new Error(
      `${request.contender} did ${measurement.succeeded} of ${request.count} (${measurement.failed} failed${measurement.firstFailure === undefined ? "" : `: ${measurement.firstFailure}`})`,
    );
  }
  return measurement;
}

export function messagesPerSecond(measurement: Measurement, count: number): number {
  return (count / measurement.wallMs) * 1000;
}

export function cpuMicrosPerMessage(measurement: Measurement, count: number): number {
  return (measurement.cpuUserUs + measurement.cpuSystemUs) / count;
}

/** HTTP requests per message: what SQS bills. */
export function requestsPerMessage(measurement: Measurement, count: number): number {
  return measurement.requests / count;
}

let queueSerial = 0;

/** A queue name no earlier run used: every run starts from an empty queue. */
export function freshQueueName(purpose: string, fifo: boolean): string {
  queueSerial += 1;
  return `bench-${purpose}-${process.pid}-${queueSerial}${fifo ? ".fifo" : ""}`;
}
