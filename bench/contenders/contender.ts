import type { RunSpec, Tally } from "../protocol.js";

/** A contender set up and ready: `run` is the timed job, `close` releases what setup made. */
export interface PreparedRun {
  run(): Promise<Tally>;
  close(): Promise<void>;
}

/** Builds a contender's clients for one run; nothing done here is timed. */
export type Contender = (spec: RunSpec) => Promise<PreparedRun>;
