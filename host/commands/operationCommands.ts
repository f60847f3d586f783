import { readManifest, type Logger } from "../../connector/index.js";
import { maxLineBytesFor, openInput, readNdjson } from "../ndjsonInput.js";
import { readJsonObject } from "../jsonFiles.js";
import { executeOverLines, writeResults, type Tally } from "../resultStream.js";
import { bucketsNamedBy, openSession, queueNamedBy, readConnectionFile, streamNamedBy } from "../session.js";
import { progressLine } from "../stderrReporter.js";
import {
  CONNECTION_OPTION,
  DOCUMENT_EXIT_CODES,
  EXIT,
  HELP_OPTION,
  integer,
  optional,
  QUEUE_OPTIONS,
  STREAM_OPTIONS,
  resultSelection,
  RESULTS_OPTION,
  str,
  VERBOSE_OPTION,
  withTargetOverrides,
  type Command,
  type OptionSpec,
  type Values,
} from "./command.js";

const configOption = (operationId: string): Record<string, OptionSpec> => ({
  config: { type: "string", value: "FILE", description: `${operationId} configuration JSON (schemas/${operationId}.config.json)` },
});

export const sendCommand: Command = {
  name: "send",
  summary: "send NDJSON documents as messages",
  usage: "--connection FILE [--config FILE] [--input FILE] [--queue-name NAME | --queue-url URL]",
  options: {
    ...HELP_OPTION,
    ...CONNECTION_OPTION,
    ...configOption("send"),
    input: { type: "string", short: "i", value: "FILE", description: 'NDJSON documents {"body": ...}, one per line (default: stdin)' },
    ...QUEUE_OPTIONS,
    ...RESULTS_OPTION,
    ...VERBOSE_OPTION,
  },
  notes: "Writes one NDJSON result per input line to stdout, in input order (with --results errors, only the error results).",
  exitCodes: DOCUMENT_EXIT_CODES,
  run: ({ values, logger }) => runOperation("send", values, logger),
};

export const receiveCommand: Command = {
  name: "receive",
  summary: "receive messages as NDJSON documents",
  usage: "--connection FILE [--config FILE] [--queue-name NAME | --queue-url URL] [--max-messages N]",
  options: {
    ...HELP_OPTION,
    ...CONNECTION_OPTION,
    ...configOption("receive"),
    "max-messages": { type: "string", value: "N", description: "total messages to receive (overrides the config file)" },
    ...QUEUE_OPTIONS,
    ...RESULTS_OPTION,
    ...VERBOSE_OPTION,
  },
  notes:
    "Messages stay on the queue (at-least-once) unless deleteAfterReceive is set: pipe the results into `sqs-connector delete` after processing.",
  exitCodes: DOCUMENT_EXIT_CODES.replace("every document", "every message"),
  run: ({ values, logger }) => runOperation("receive", values, logger),
};

export const deleteCommand: Command = {
  name: "delete",
  summary: "delete received messages by receipt handle (reads receive results)",
  usage: "--connection FILE [--config FILE] [--input FILE]",
  options: {
    ...HELP_OPTION,
    ...CONNECTION_OPTION,
    ...configOption("delete"),
    input: {
      type: "string",
      short: "i",
      value: "FILE",
      description: "NDJSON with a receiptHandle per line; receive results work as they are (default: stdin)",
    },
    ...QUEUE_OPTIONS,
    ...RESULTS_OPTION,
    ...VERBOSE_OPTION,
  },
  exitCodes: DOCUMENT_EXIT_CODES,
  run: ({ values, logger }) => runOperation("delete", values, logger),
};

export const putRecordsCommand: Command = {
  name: "putRecords",
  summary: "put NDJSON documents as records into a Kinesis data stream",
  usage: "--connection FILE [--config FILE] [--input FILE] [--stream-name NAME | --stream-arn ARN]",
  options: {
    ...HELP_OPTION,
    ...CONNECTION_OPTION,
    ...configOption("putRecords"),
    input: {
      type: "string",
      short: "i",
      value: "FILE",
      description: 'NDJSON documents {"body": ..., "partitionKey"?, "explicitHashKey"?}, one per line (default: stdin)',
    },
    ...STREAM_OPTIONS,
    ...RESULTS_OPTION,
    ...VERBOSE_OPTION,
  },
  notes: "Writes one NDJSON result per input line to stdout, in input order: {shardId, sequenceNumber} or the error.",
  exitCodes: DOCUMENT_EXIT_CODES,
  run: ({ values, logger }) => runOperation("putRecords", values, logger),
};

export const changeVisibilityCommand: Command = {
  name: "changeVisibility",
  summary: "change how long received messages stay hidden; 0 releases them (reads receive or listen documents)",
  usage: "--connection FILE [--config FILE] [--visibility-timeout SECONDS] [--input FILE]",
  options: {
    ...HELP_OPTION,
    ...CONNECTION_OPTION,
    ...configOption("changeVisibility"),
    "visibility-timeout": {
      type: "string",
      value: "SECONDS",
      description:
        "seconds until the messages are visible again, 0..43200 (overrides the config file; a document's own visibilityTimeout wins)",
    },
    input: {
      type: "string",
      short: "i",
      value: "FILE",
      description:
        "NDJSON with a receiptHandle (and optionally visibilityTimeout) per line; receive results work as they are (default: stdin)",
    },
    ...QUEUE_OPTIONS,
    ...RESULTS_OPTION,
    ...VERBOSE_OPTION,
  },
  notes:
    "Writes one NDJSON result per input line: {visibilityTimeout, queueUrl, messageId} or an error such as RECEIPT_HANDLE_INVALID or MESSAGE_NOT_INFLIGHT.",
  exitCodes: DOCUMENT_EXIT_CODES,
  run: ({ values, logger }) => runOperation("changeVisibility", values, logger),
};

/** An operation command: config file plus overrides, NDJSON in (sinks), NDJSON results out. */
async function runOperation(operationId: string, values: Values, logger: Logger): Promise<number> {
  const config = withTargetOverrides(values["config"] === undefined ? {} : await readJsonObject(str(values["config"]), "config"), values);
  if (values["max-messages"] !== undefined) config["maxMessages"] = integer(values["max-messages"], "--max-messages");
  if (values["visibility-timeout"] !== undefined)
    config["visibilityTimeout"] = integer(values["visibility-timeout"], "--visibility-timeout");
  const selection = resultSelection(values["results"]);
  // A source (receive) makes its documents; every other operation reads them, from --input or stdin.
  const source = readManifest().operations.find((op) => op.id === operationId)?.kind === "source";
  const input = source ? undefined : await openInput(optional(values["input"]));
  const progress = progressLine(operationId);
  const session = await openSession(await readConnectionFile(optional(values["connection"])), {
    logger,
    onProgress: (p) => progress.update(p),
    queues: queueNamedBy(config),
    streams: streamNamedBy(config),
    buckets: bucketsNamedBy(config),
  });
  const tally: Tally = { succeeded: 0, failed: 0 };
  const started = performance.now();
  try {
    const operation = session.connection.operation(operationId, config);
    const results = input === undefined ? operation.execute() : executeOverLines(operation, readNdjson(input, maxLineBytesFor(config)));
    await writeResults(results, process.stdout, tally, selection);
  } finally {
    // A run that failed as a whole has read what it will read: a writer still holding the pipe open must not keep the process alive.
    input?.destroy();
    progress.end();
    await session.close();
    // One line a person (or a log) can read at a glance, also when nothing arrived or the run failed.
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    logger.info(`${operationId}: ${tally.succeeded} succeeded, ${tally.failed} failed in ${seconds} s`);
  }
  return tally.failed === 0 ? EXIT.ok : EXIT.someFailed;
}
