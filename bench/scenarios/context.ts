import type { EmulatorProcess } from "../emulator.js";

/** Documents per send run and messages per receive run. */
export const MESSAGE_COUNT = 20_000;
/** Batches (or polls) in flight for every contender: the connector's default send concurrency. */
export const CONCURRENCY = 8;
/** Devices in the records; message groups on FIFO queues. */
export const GROUPS = 50;

export interface BenchContext {
  readonly emulator: EmulatorProcess;
  readonly rounds: number;
  log(message: string): void;
  /**
   * Standard queues that hold exactly MESSAGE_COUNT messages, left by the send
   * scenario for the receive scenario to drain (saves filling queues again).
   */
  readonly filledQueues: string[];
}
