import type { ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;

const help = { help: { type: "boolean", short: "h" } } as const satisfies Options;
const connection = { connection: { type: "string", short: "c" } } as const satisfies Options;
const queue = {
  "queue-url": { type: "string" },
  "queue-name": { type: "string" },
  "queue-owner": { type: "string" },
} as const satisfies Options;
const verbose = { verbose: { type: "boolean", short: "v" } } as const satisfies Options;

export interface CommandSpec {
  summary: string;
  usage: string;
  details: string;
  options: Options;
  positionals?: number;
}

const CONNECTION_HELP = `  -c, --connection FILE   connection JSON (see README: authType, region, keys or certificate, endpoint).
                          Certificate/key fields may be "@path/to/file.pem". "endpoint": "embedded"
                          starts an in-process SQS emulator for this run.`;
const QUEUE_HELP = `      --queue-url URL      queue URL (overrides the config file)
      --queue-name NAME    queue name, looked up with GetQueueUrl (overrides the config file)
      --queue-owner ID     12-digit account id owning a cross-account queue`;
const EXIT_HELP = `Exit codes: 0 all documents succeeded, 3 some documents failed, 1 the operation failed,
2 usage or configuration error.`;

export const COMMANDS: Record<string, CommandSpec> = {
  "test-connection": {
    summary: "check credentials and reach SQS; prints a report",
    usage: "sqs-connector test-connection --connection FILE [--queue-name NAME | --queue-url URL]",
    details: `${CONNECTION_HELP}\n${QUEUE_HELP}\n\nPrints the JSON report (which step passed, warned or failed). Exit 0 when the connection\nworks (possibly with warnings), 1 when a step failed, 2 for a bad connection file.`,
    options: { ...help, ...connection, ...queue, ...verbose },
  },
  browse: {
    summary: "list queues with FIFO and content-based deduplication flags",
    usage: "sqs-connector browse --connection FILE [--prefix P] [--max-results N] [--all]",
    details: `${CONNECTION_HELP}\n      --prefix P           only queues whose name starts with P\n      --max-results N      queues per page (1-1000, default 100)\n      --all                follow every page (default: first page and its nextToken)`,
    options: { ...help, ...connection, ...verbose, prefix: { type: "string" }, "max-results": { type: "string" }, all: { type: "boolean" } },
  },
  send: {
    summary: "send NDJSON documents as messages",
    usage: "sqs-connector send --connection FILE [--config FILE] [--input FILE] [--queue-name NAME]",
    details: `${CONNECTION_HELP}\n      --config FILE        send configuration JSON (schemas/send.config.json)\n      -i, --input FILE     NDJSON documents {"body": ...} (default: stdin)\n${QUEUE_HELP}\n\nWrites one NDJSON result per input line to stdout. ${EXIT_HELP}`,
    options: { ...help, ...connection, ...queue, ...verbose, config: { type: "string" }, input: { type: "string", short: "i" } },
  },
  receive: {
    summary: "receive messages as NDJSON documents",
    usage: "sqs-connector receive --connection FILE [--config FILE] [--queue-name NAME] [--max-messages N]",
    details: `${CONNECTION_HELP}\n      --config FILE        receive configuration JSON (schemas/receive.config.json)\n      --max-messages N     total messages to receive (overrides the config file)\n${QUEUE_HELP}\n\nMessages stay on the queue (at-least-once) unless deleteAfterReceive is set: pipe the\nresults into \`sqs-connector delete\` after processing. ${EXIT_HELP}`,
    options: { ...help, ...connection, ...queue, ...verbose, config: { type: "string" }, "max-messages": { type: "string" } },
  },
  delete: {
    summary: "delete received messages by receipt handle (reads receive results)",
    usage: "sqs-connector delete --connection FILE [--config FILE] [--input FILE]",
    details: `${CONNECTION_HELP}\n      --config FILE        delete configuration JSON (schemas/delete.config.json)\n      -i, --input FILE     NDJSON with receiptHandle per line; receive results work as they are\n${QUEUE_HELP}\n\n${EXIT_HELP}`,
    options: { ...help, ...connection, ...queue, ...verbose, config: { type: "string" }, input: { type: "string", short: "i" } },
  },
  run: {
    summary: "run a process file: steps piped one into the next",
    usage: "sqs-connector run PROCESS.json [--connection FILE] [--input FILE]",
    details: `PROCESS.json: {"connection": {...} | "file.json", "queues": [{"name": "...", "attributes": {...}}],
  "steps": [{"operation": "send", "config": {...}, "input": [...]}, {"operation": "receive", ...}, ...]}
Each step's success documents are the next step's input; "queues" are created on the embedded SQS.
      --connection FILE    use this connection instead of the process file's
      -i, --input FILE     NDJSON input of the first step (instead of its "input")
Results of the last step go to stdout; a summary per step to stderr. ${EXIT_HELP}`,
    options: { ...help, ...verbose, connection: { type: "string", short: "c" }, input: { type: "string", short: "i" } },
    positionals: 1,
  },
  demo: {
    summary: "end-to-end demo on the embedded SQS (what `npm start` runs)",
    usage: "sqs-connector demo [--records N]",
    details: `Starts the embedded SQS, sends sensor records with repeats to a FIFO queue (deduplicated
by record key, grouped by device), receives and deletes them, and prints a summary.
      --records N          readings to generate (default 300)`,
    options: { ...help, ...verbose, records: { type: "string" } },
  },
};

export function commandHelp(name: string, spec: CommandSpec): string {
  return `${spec.usage}\n\n${spec.summary}.\n\n${spec.details}\n`;
}

export function generalHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, spec]) => `  ${name.padEnd(width)}  ${spec.summary}`);
  return `Amazon SQS connector: reference host CLI.\n\nUsage: sqs-connector <command> [options]\n\nCommands:\n${lines.join("\n")}\n\nRun \`sqs-connector <command> --help\` for a command's options.\n`;
}
