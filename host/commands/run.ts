import { ConnectorError, type Logger } from "../../connector/index.js";
import { loadProcessFile } from "../processFile.js";
import { runProcess } from "../processRunner.js";
import { writeResults, type Tally } from "../resultStream.js";
import { openSession, type Session } from "../session.js";
import {
  DOCUMENT_EXIT_CODES,
  EXIT,
  HELP_OPTION,
  optional,
  resultSelection,
  RESULTS_OPTION,
  VERBOSE_OPTION,
  type Command,
  type Values,
} from "./command.js";

export const runCommand: Command = {
  name: "run",
  summary: "run a process file: steps piped one into the next",
  usage: "PROCESS.json [--connection FILE] [--input FILE]",
  positionals: 1,
  options: {
    ...HELP_OPTION,
    connection: { type: "string", short: "c", value: "FILE", description: "use this connection instead of the process file's" },
    input: { type: "string", short: "i", value: "FILE", description: 'NDJSON input of the first step (instead of its "input")' },
    ...RESULTS_OPTION,
    ...VERBOSE_OPTION,
  },
  notes: `PROCESS.json (schemas/process.json; unknown keys and wrong types are usage errors):
  {"connection": {...} | "conn.json", "queues": [{"name": "...", "attributes": {...}}], "streams": [{"name": "...", "shardCount": 1}],
   "buckets": [{"name": "..."}],
   "steps": [{"operation": "send", "config": {...}, "input": [...] | "docs.ndjson"}, {"operation": "receive", ...}, ...]}
File names are relative to the process file. Each step's success documents are the next step's input;
"queues" are created on the embedded SQS, "buckets" on its S3, "streams" on the embedded Kinesis. Results of the last step go to stdout (with --results errors, only its errors); error results of
earlier steps and a summary per step to stderr.`,
  exitCodes: DOCUMENT_EXIT_CODES,
  run: ({ positionals, values, logger }) => runProcessFile(positionals[0], values, logger),
};

async function runProcessFile(file: string | undefined, values: Values, logger: Logger): Promise<number> {
  if (file === undefined)
    throw new ConnectorError("CONFIG_INVALID", "run needs a process file: sqs-connector run PROCESS.json", { field: "process" });
  const selection = resultSelection(values["results"]);
  const loaded = await loadProcessFile(file, { connectionFile: optional(values["connection"]), inputFile: optional(values["input"]) });
  let session: Session;
  try {
    session = await openSession(loaded.connection, { logger, queues: loaded.queues, streams: loaded.streams, buckets: loaded.buckets });
  } catch (error) {
    loaded.release();
    throw error;
  }
  const tally: Tally = { succeeded: 0, failed: 0 };
  let earlierFailures = 0;
  try {
    const run = runProcess(session.connection, loaded.steps, loaded.input, (step, result) => {
      earlierFailures += 1;
      process.stderr.write(`${JSON.stringify({ step: step.step, ...result })}\n`);
    });
    await writeResults(run.results, process.stdout, tally, selection);
    for (const summary of run.summaries) {
      logger.info(
        `step ${summary.step}: ${summary.succeeded} succeeded, ${summary.failed} failed (${(summary.elapsedMs / 1000).toFixed(2)} s)`,
      );
    }
  } finally {
    loaded.release();
    await session.close();
  }
  return tally.failed + earlierFailures === 0 ? EXIT.ok : EXIT.someFailed;
}
