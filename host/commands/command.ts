import type { Logger } from "../../connector/index.js";
import { ConnectorError } from "../../connector/index.js";

/** Parsed option values, as node:util parseArgs returns them. */
export type Values = Record<string, Value>;
export type Value = string | boolean | Array<string | boolean> | undefined;

/** The CLI's exit codes; every command's help lists them. */
export const EXIT = { ok: 0, operationFailed: 1, usage: 2, someFailed: 3 } as const;

/** One option: what parseArgs needs, plus its help line. */
export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  /** May be given more than once (the value is then an array). */
  multiple?: boolean;
  /** The value's name in help (`FILE`, `N`); boolean options have none. */
  value?: string;
  description: string;
}

export interface CommandContext {
  values: Values;
  positionals: string[];
  logger: Logger;
}

/** A CLI command: its help, its options and what it runs, in one place. */
export interface Command {
  name: string;
  summary: string;
  /** Everything after `sqs-connector <name>` in the usage line. */
  usage: string;
  options: Record<string, OptionSpec>;
  /** Paragraphs after the option list. */
  notes?: string;
  /** Exit codes as this command uses them. */
  exitCodes: string;
  /** Positional arguments accepted (default none). */
  positionals?: number;
  run(context: CommandContext): Promise<number>;
}

export const HELP_OPTION = { help: { type: "boolean", short: "h", description: "show this help" } } as const satisfies Record<
  string,
  OptionSpec
>;
export const VERBOSE_OPTION = {
  verbose: { type: "boolean", short: "v", description: "log debug lines to stderr" },
} as const satisfies Record<string, OptionSpec>;
export const CONNECTION_OPTION = {
  connection: {
    type: "string",
    short: "c",
    value: "FILE",
    description:
      'connection JSON (see README: authType, region, keys or certificate, endpoint); certificate and key fields may be "@path/to/file.pem"; "endpoint": "embedded" starts an in-process SQS emulator for this command (serving S3 too, unless s3Endpoint is set), "kinesisEndpoint": "embedded" an in-process Kinesis emulator',
  },
} as const satisfies Record<string, OptionSpec>;
export const QUEUE_OPTIONS = {
  "queue-name": { type: "string", value: "NAME", description: "queue name, looked up with GetQueueUrl (overrides the config file)" },
  "queue-url": { type: "string", value: "URL", description: "queue URL (overrides the config file)" },
  "queue-owner": { type: "string", value: "ID", description: "12-digit account id owning a cross-account queue" },
} as const satisfies Record<string, OptionSpec>;

export const STREAM_OPTIONS = {
  "stream-name": { type: "string", value: "NAME", description: "Kinesis stream name (overrides the config file)" },
  "stream-arn": { type: "string", value: "ARN", description: "Kinesis stream ARN (overrides the config file)" },
} as const satisfies Record<string, OptionSpec>;

export const RESULTS_OPTION = {
  results: {
    type: "string",
    value: "all|errors",
    description:
      "which results to write to stdout: all (default), or errors for only the documents that failed (the summary on stderr counts all)",
  },
} as const satisfies Record<string, OptionSpec>;

/** --results: "all" unless the user asked for "errors". */
export function resultSelection(value: Value): "all" | "errors" {
  if (value === undefined || value === "all" || value === "errors") return value ?? "all";
  throw new ConnectorError("CONFIG_INVALID", `--results must be all or errors, not "${str(value)}".`, { field: "--results" });
}

export const DOCUMENT_EXIT_CODES =
  "0 every document succeeded, 3 some documents failed (see their results), 1 the operation failed as a whole, 2 usage or configuration error";

/** The queue options as the fields of an operation config. */
export function queueOverrides(values: Values): Record<string, string> {
  const out: Record<string, string> = {};
  if (values["queue-url"] !== undefined) out["queueUrl"] = str(values["queue-url"]);
  if (values["queue-name"] !== undefined) out["queueName"] = str(values["queue-name"]);
  if (values["queue-owner"] !== undefined) out["queueOwnerAccountId"] = str(values["queue-owner"]);
  return out;
}

/**
 * A config file with the command line's queue and stream options applied. An
 * option that names the queue (stream) replaces the file's way of naming it:
 * otherwise a file's queueUrl (streamArn) would still win over --queue-name
 * (--stream-name), which the help promises to override the file.
 */
export function withTargetOverrides(fileConfig: Record<string, unknown>, values: Values): Record<string, unknown> {
  const config = { ...fileConfig };
  const queue = queueOverrides(values);
  if (queue["queueUrl"] !== undefined || queue["queueName"] !== undefined) {
    delete config["queueUrl"];
    delete config["queueName"];
    // A URL names the account itself.
    if (queue["queueUrl"] !== undefined) delete config["queueOwnerAccountId"];
  }
  const stream = streamOverrides(values);
  if (Object.keys(stream).length > 0) {
    delete config["streamName"];
    delete config["streamArn"];
  }
  return { ...config, ...queue, ...stream };
}

/** The stream options as the fields of an operation config or test target. */
export function streamOverrides(values: Values): Record<string, string> {
  const out: Record<string, string> = {};
  if (values["stream-name"] !== undefined) out["streamName"] = str(values["stream-name"]);
  if (values["stream-arn"] !== undefined) out["streamArn"] = str(values["stream-arn"]);
  return out;
}

export function integer(value: Value, flag: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new ConnectorError("CONFIG_INVALID", `${flag} must be a whole number.`, { field: flag });
  return parsed;
}

export function optional(value: Value): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function str(value: Value): string {
  return typeof value === "string" ? value : String(value ?? "");
}
