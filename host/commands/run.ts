import path from "node:path";
import type { Readable } from "node:stream";
import { ConnectorError, type Logger } from "../../connector/index.js";
import type { EmbeddedQueue } from "../embeddedSqs.js";
import { readJsonObject } from "../jsonFiles.js";
import { openInput, readNdjson } from "../ndjsonInput.js";
import { runProcess, type ProcessStep } from "../processRunner.js";
import { writeResults, type Tally } from "../resultStream.js";
import { openSession, queueNamedBy, readConnectionFile } from "../session.js";
import { DOCUMENT_EXIT_CODES, EXIT, HELP_OPTION, optional, VERBOSE_OPTION, type Command, type Value } from "./command.js";

interface ProcessFile {
  connection?: Record<string, unknown> | string;
  queues?: EmbeddedQueue[];
  steps?: Array<ProcessStep & { input?: unknown[] }>;
}

export const runCommand: Command = {
  name: "run",
  summary: "run a process file: steps piped one into the next",
  usage: "PROCESS.json [--connection FILE] [--input FILE]",
  positionals: 1,
  options: {
    ...HELP_OPTION,
    connection: { type: "string", short: "c", value: "FILE", description: "use this connection instead of the process file's" },
    input: { type: "string", short: "i", value: "FILE", description: 'NDJSON input of the first step (instead of its "input")' },
    ...VERBOSE_OPTION,
  },
  notes: `PROCESS.json: {"connection": {...} | "file.json", "queues": [{"name": "...", "attributes": {...}}],
  "steps": [{"operation": "send", "config": {...}, "input": [...]}, {"operation": "receive", ...}, ...]}
Each step's success documents are the next step's input; "queues" are created on the embedded SQS.
Results of the last step go to stdout; error results of earlier steps and a summary per step to stderr.`,
  exitCodes: DOCUMENT_EXIT_CODES,
  run: ({ positionals, values, logger }) => runProcessFile(positionals[0], values["connection"], values["input"], logger),
};

async function runProcessFile(file: string | undefined, connectionFile: Value, inputFile: Value, logger: Logger): Promise<number> {
  if (file === undefined)
    throw new ConnectorError("CONFIG_INVALID", "run needs a process file: sqs-connector run PROCESS.json", { field: "process" });
  const definition = (await readJsonObject(file, "process")) as ProcessFile;
  const steps = definition.steps;
  if (!Array.isArray(steps) || steps.length === 0 || steps.some((s) => typeof s?.operation !== "string")) {
    throw new ConnectorError(
      "CONFIG_INVALID",
      `The process file ${file} needs "steps": [{"operation": "send" | "receive" | "delete", "config": {...}}, ...].`,
      {
        field: "steps",
      },
    );
  }
  const baseDir = path.dirname(path.resolve(file));
  const connectionConfig =
    connectionFile !== undefined
      ? await readConnectionFile(optional(connectionFile))
      : typeof definition.connection === "string"
        ? await readConnectionFile(path.resolve(baseDir, definition.connection))
        : (definition.connection ?? (await readConnectionFile(undefined)));
  const queues = definition.queues ?? steps.flatMap((step) => queueNamedBy(step.config ?? {}));
  const session = await openSession(connectionConfig, { logger, queues });
  const tally: Tally = { succeeded: 0, failed: 0 };
  let earlierFailures = 0;
  try {
    const first = steps[0]!;
    const input = inputFile !== undefined ? await openInput(optional(inputFile)) : undefined;
    const run = runProcess(
      session.connection,
      steps,
      input === undefined ? (first.input ?? []) : linesAsDocuments(input, logger),
      (step, result) => {
        earlierFailures += 1;
        process.stderr.write(`${JSON.stringify({ step: step.step, ...result })}\n`);
      },
    );
    await writeResults(run.results, process.stdout, tally);
    for (const summary of run.summaries) {
      logger.info(
        `step ${summary.step}: ${summary.succeeded} succeeded, ${summary.failed} failed (${(summary.elapsedMs / 1000).toFixed(2)} s)`,
      );
    }
  } finally {
    await session.close();
  }
  return tally.failed + earlierFailures === 0 ? EXIT.ok : EXIT.someFailed;
}

/** For `run --input`: documents only; a bad line is reported and skipped (the step results carry no line numbers). */
async function* linesAsDocuments(input: Readable, logger: Logger): AsyncGenerator<unknown> {
  for await (const line of readNdjson(input)) {
    if (line.kind === "document") yield line.value;
    else logger.error(line.error.message);
  }
}
