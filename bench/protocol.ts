/** What the parent asks a measured child process to do: one contender, one run. */
export interface RunSpec {
  /** A key of CONTENDERS. */
  contender: string;
  endpoint: string;
  region: string;
  /** The queue of an SQS run ("" for Kinesis runs). */
  queueUrl: string;
  /** The stream of a Kinesis run. */
  streamName?: string;
  fifo: boolean;
  /** Documents to send, or messages to receive and delete. */
  count: number;
  /** Hand-written and library contenders: requests (batches, polls) in flight at once. Connector contenders take `connectorConfig`. */
  concurrency: number;
  /** Devices in the records, which are FIFO message groups on a FIFO queue. */
  groups: number;
  /** Listen contenders: how long the handler takes per message (0: returns at once). */
  handlerMs?: number;
  /** Large-payload contenders: the bucket payloads go to, and each body's size in bytes. */
  bucket?: string;
  bodyBytes?: number;
  /** Connector contenders: settings added to the operation configs (none: the connector's defaults). */
  connectorConfig?: Record<string, unknown>;
}

/** What a measured child reports, as the last line of its stdout. */
export interface Measurement {
  contender: string;
  /** The timed job only: clients are built and modules loaded before the clock starts. */
  wallMs: number;
  cpuUserUs: number;
  cpuSystemUs: number;
  /** Peak resident set of the whole process (process.resourceUsage().maxRSS). */
  maxRssKiB: number;
  /** V8 heap in use after a full collection at the end, when the child runs with --expose-gc: what the run left alive. */
  heapAfterGcKiB?: number;
  /** HTTP requests the timed job made (bench/requestMeter.ts), and how many were in flight: time-weighted mean and peak. */
  requests: number;
  meanInFlight: number;
  peakInFlight: number;
  succeeded: number;
  failed: number;
  /** The first failure, to explain a run that did not do all its work. */
  firstFailure?: string;
}

/** Successful and failed documents (or messages) of one run. */
export interface Tally {
  succeeded: number;
  failed: number;
  firstFailure?: string;
}

export function emptyTally(): Tally {
  return { succeeded: 0, failed: 0 };
}

export function countFailure(tally: Tally, reason: string): void {
  tally.failed += 1;
  tally.firstFailure ??= reason;
}
