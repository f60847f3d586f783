import { type Connection, ConnectorError, type OperationResult, readManifest } from "../connector/index.js";
import type { InputLine } from "./ndjsonInput.js";
import { executeOverLines } from "./resultStream.js";

export interface ProcessStep {
  name?: string;
  operation: string;
  config?: Record<string, unknown>;
}

export interface StepSummary {
  step: string;
  operation: string;
  succeeded: number;
  failed: number;
  elapsedMs: number;
}

export interface ProcessRun {
  /** The last step's results; consuming them runs the whole process. */
  results: AsyncIterable<OperationResult>;
  /** One per step, complete once `results` is consumed. */
  summaries: StepSummary[];
}

/**
 * Chains steps: each step's success documents stream into the next step as its
 * input, so send -> ... -> delete runs with flat memory. A source step (receive)
 * takes no input; it starts once the step before it has finished, because it
 * reads what that step wrote. Error results of every step but the last go to
 * `onStepError`, so none is dropped silently. An input line that is no document
 * (bad JSON) is an error result of the first step, as it is for `send`.
 */
export function runProcess(
  connection: Connection,
  steps: ProcessStep[],
  input: AsyncIterable<InputLine>,
  onStepError: (step: StepSummary, result: OperationResult) => void,
): ProcessRun {
  const manifest = readManifest();
  const summaries: StepSummary[] = [];
  const listener = steps.find((step) => manifest.operations.find((op) => op.id === step.operation)?.kind === "listener");
  if (listener !== undefined) {
    throw new ConnectorError(
      "CONFIG_INVALID",
      `"${listener.operation}" is a long-running listener, not a step that ends: run it with sqs-connector listen.`,
      { field: "steps" },
    );
  }
  const operations = steps.map((step) => connection.operation(step.operation, step.config ?? {}));
  let upstream: AsyncIterable<OperationResult> | undefined;
  steps.forEach((step, i) => {
    const kind = manifest.operations.find((op) => op.id === step.operation)?.kind;
    const summary: StepSummary = {
      step: step.name ?? `${i + 1}:${step.operation}`,
      operation: step.operation,
      succeeded: 0,
      failed: 0,
      elapsedMs: 0,
    };
    summaries.push(summary);
    const previous = upstream;
    const isLast = i === steps.length - 1;
    const operation = operations[i]!;
    const results =
      previous === undefined
        ? kind === "source"
          ? operation.execute()
          : executeOverLines(operation, input)
        : kind === "source"
          ? afterDrain(successDocuments(previous, summaries[i - 1]!, onStepError), () => operation.execute([]))
          : operation.execute(successDocuments(previous, summaries[i - 1]!, onStepError));
    upstream = measured(results, summary, isLast);
  });
  return { results: upstream ?? emptyResults(), summaries };
}

async function* measured(results: AsyncIterable<OperationResult>, summary: StepSummary, isLast: boolean): AsyncGenerator<OperationResult> {
  const started = performance.now();
  try {
    for await (const result of results) {
      if (isLast) {
        if (result.status === "success") summary.succeeded += 1;
        else summary.failed += 1;
      }
      yield result;
    }
  } finally {
    summary.elapsedMs = Math.round(performance.now() - started);
  }
}

async function* successDocuments(
  results: AsyncIterable<OperationResult>,
  summary: StepSummary,
  onStepError: (step: StepSummary, result: OperationResult) => void,
): AsyncGenerator<unknown> {
  for await (const result of results) {
    if (result.status === "success") {
      summary.succeeded += 1;
      yield result.document;
    } else {
      summary.failed += 1;
      onStepError(summary, result);
    }
  }
}

/** Runs the previous step to its end, then starts the source step. */
async function* afterDrain(previous: AsyncIterable<unknown>, start: () => AsyncIterable<OperationResult>): AsyncGenerator<OperationResult> {
  for await (const _document of previous) {
    // The step before a source is run for its effect; its documents are counted, not passed on.
  }
  yield* start();
}

async function* emptyResults(): AsyncGenerator<OperationResult> {}
