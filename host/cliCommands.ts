import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { ConnectorError } from "../connector/errors.js";
import type { Logger } from "../connector/host.js";
import type { EmbeddedQueue } from "./embeddedSqs.js";
import { readJsonObject } from "./jsonFiles.js";
import { readNdjson } from "./ndjsonInput.js";
import { runProcess, type ProcessStep } from "./processRunner.js";
import { executeOverLines, writeResults, type Tally } from "./resultStream.js";
import { openSession, queueNamedBy, readConnectionFile } from "./session.js";
import { progressLine } from "./stderrReporter.js";

export type Values = Record<string, string | boolean | undefined>;

export const EXIT = { ok: 0, operationFailed: 1, usage: 2, someFailed: 3 } as const;

export async function testConnectionCommand(values: Values, logger: Logger): Promise<number> {
  const session = await openSession(await readConnectionFile(optional(values.connection)), { logger, queues: queueNamedBy(queueOverrides(values)) });
  try {
    const report = await session.connection.test(queueOverrides(values));
    process.stdout.write(JSON.stringify(report, null, 2) + "\n");
    return report.ok ? EXIT.ok : EXIT.operationFailed;
  } finally {
    await session.close();
  }
}

export async function browseCommand(values: Values, logger: Logger): Promise<number> {
  const session = await openSession(await readConnectionFile(optional(values.connection)), { logger });
  try {
    let nextToken: string | undefined;
    do {
      const page = await session.connection.browse({
        ...(values.prefix === undefined ? {} : { prefix: str(values.prefix) }),
        ...(values["max-results"] === undefined ? {} : { maxResults: integer(values["max-results"], "--max-results") }),
        ...(nextToken === undefined ? {} : { nextToken }),
      });
      process.stdout.write(JSON.stringify(page) + "\n");
      nextToken = values.all === true ? page.nextToken : undefined;
    } while (nextToken !== undefined);
    return EXIT.ok;
  } finally {
    await session.close();
  }
}

/** send, receive and delete: config file + overrides, NDJSON in, NDJSON out. */
export async function operationCommand(operationId: string, values: Values, logger: Logger): Promise<number> {
  const config = { ...(values.config === undefined ? {} : await readJsonObject(str(values.config), "config")), ...queueOverrides(values) };
  if (values["max-messages"] !== undefined) config["maxMessages"] = integer(values["max-messages"], "--max-messages");
  const input = operationId === "receive" ? undefined : await inputStream(values.input);
  const progress = progressLine(operationId);
  const session = await openSession(await readConnectionFile(optional(values.connection)), {
    logger,
    onProgress: (p) => progress.update(p),
    queues: queueNamedBy(config),
  });
  const tally: Tally = { succeeded: 0, failed: 0 };
  try {
    const operation = session.connection.operation(operationId, config);
    const results = input === undefined ? operation.execute() : executeOverLines(operation, readNdjson(input));
    await writeResults(results, process.stdout, tally);
  } finally {
    progress.end();
    await session.close();
  }
  logger.debug(`${operationId}: ${tally.succeeded} succeeded, ${tally.failed} failed`);
  return tally.failed === 0 ? EXIT.ok : EXIT.someFailed;
}

interface ProcessFile {
  connection?: Record<string, unknown> | string;
  queues?: EmbeddedQueue[];
  steps?: Array<ProcessStep & { input?: unknown[] }>;
}

export async function runCommand(file: string | undefined, values: Values, logger: Logger): Promise<number> {
  if (file === undefined) throw new ConnectorError("CONFIG_INVALID", "run needs a process file: sqs-connector run PROCESS.json", { field: "process" });
  const definition = (await readJsonObject(file, "process")) as ProcessFile;
  const steps = definition.steps;
  if (!Array.isArray(steps) || steps.length === 0 || steps.some((s) => typeof s?.operation !== "string")) {
    throw new ConnectorError("CONFIG_INVALID", `The process file ${file} needs "steps": [{"operation": "send" | "receive" | "delete", "config": {...}}, ...].`, { field: "steps" });
  }
  const baseDir = path.dirname(path.resolve(file));
  const connectionConfig =
    values.connection !== undefined
      ? await readConnectionFile(optional(values.connection))
      : typeof definition.connection === "string"
        ? await readConnectionFile(path.resolve(baseDir, definition.connection))
        : (definition.connection ?? (await readConnectionFile(undefined)));
  const queues = definition.queues ?? steps.flatMap((step) => queueNamedBy(step.config ?? {}));
  const session = await openSession(connectionConfig, { logger, queues });
  const tally: Tally = { succeeded: 0, failed: 0 };
  let earlierFailures = 0;
  try {
    const first = steps[0]!;
    const input = values.input !== undefined ? await inputStream(values.input) : undefined;
    const run = runProcess(session.connection, steps, input === undefined ? (first.input ?? []) : linesAsDocuments(input, logger), (step, result) => {
      earlierFailures += 1;
      process.stderr.write(`${JSON.stringify({ step: step.step, ...result })}\n`);
    });
    await writeResults(run.results, process.stdout, tally);
    for (const summary of run.summaries) {
      logger.info(`step ${summary.step}: ${summary.succeeded} succeeded, ${summary.failed} failed (${(summary.elapsedMs / 1000).toFixed(2)} s)`);
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

async function inputStream(file: string | boolean | undefined): Promise<Readable> {
  if (file === undefined) return process.stdin;
  const name = str(file);
  try {
    await access(name);
  } catch {
    throw new ConnectorError("CONFIG_INVALID", `Cannot read the input file ${name}: it does not exist or is not readable.`, { field: "input" });
  }
  return createReadStream(name);
}

function queueOverrides(values: Values): Record<string, string> {
  const out: Record<string, string> = {};
  if (values["queue-url"] !== undefined) out["queueUrl"] = str(values["queue-url"]);
  if (values["queue-name"] !== undefined) out["queueName"] = str(values["queue-name"]);
  if (values["queue-owner"] !== undefined) out["queueOwnerAccountId"] = str(values["queue-owner"]);
  return out;
}

function integer(value: string | boolean | undefined, flag: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new ConnectorError("CONFIG_INVALID", `${flag} must be a whole number.`, { field: flag });
  return parsed;
}

function optional(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function str(value: string | boolean | undefined): string {
  return typeof value === "string" ? value : String(value ?? "");
}
