import path from "node:path";
import { ConnectorError, validateConfig, type ProcessFile } from "../connector/index.js";
import type { EmbeddedStream } from "./embeddedKinesis.js";
import type { EmbeddedQueue } from "./embeddedSqs.js";
import { readJsonObject } from "./jsonFiles.js";
import { maxLineBytesFor, openInput, readNdjson, type InputLine } from "./ndjsonInput.js";
import type { ProcessStep } from "./processRunner.js";
import { bucketsNamedBy, queueNamedBy, readConnectionFile, streamNamedBy } from "./session.js";

export const PROCESS_SCHEMA = "schemas/process.json";

/** A process file, validated, with its connection read and its paths resolved against its folder. */
export interface LoadedProcess {
  connection: Record<string, unknown>;
  queues: EmbeddedQueue[];
  streams: EmbeddedStream[];
  /** Buckets the embedded S3 creates. */
  buckets: string[];
  steps: ProcessStep[];
  /** The first step's input: the documents of its array, or the lines of an NDJSON file (a bad line fails alone). */
  input: AsyncIterable<InputLine>;
  /** Lets go of the input file: a run that failed as a whole must not wait for a pipe's writer (`--input /dev/stdin`). */
  release(): void;
}

/**
 * Reads a process file and validates it against schemas/process.json, so a
 * misspelt key or a wrong type is a usage error naming the field instead of a
 * run that does nothing. `--connection` and `--input` override the file's.
 */
export async function loadProcessFile(
  file: string,
  overrides: { connectionFile?: string | undefined; inputFile?: string | undefined },
): Promise<LoadedProcess> {
  const definition = validateConfig<ProcessFile>(PROCESS_SCHEMA, await readJsonObject(file, "process"), `Process file ${file}`);
  const baseDir = path.dirname(path.resolve(file));
  const later = definition.steps.findIndex((step, i) => i > 0 && step.input !== undefined);
  if (later !== -1) {
    throw new ConnectorError(
      "CONFIG_INVALID",
      `Process file ${file}: steps.${later}.input is not allowed: only the first step takes input; later steps take the results of the step before.`,
      { field: `steps.${later}.input` },
    );
  }
  const connection =
    overrides.connectionFile !== undefined
      ? await readConnectionFile(overrides.connectionFile)
      : typeof definition.connection === "string"
        ? await readConnectionFile(path.resolve(baseDir, definition.connection))
        : (definition.connection ?? (await readConnectionFile(undefined)));
  const steps: ProcessStep[] = definition.steps.map(({ name, operation, config }) => ({
    operation,
    ...(name === undefined ? {} : { name }),
    ...(config === undefined ? {} : { config }),
  }));
  const queues =
    definition.queues?.map(({ name, attributes = {} }) => ({ name, attributes: stringEntries(attributes) })) ??
    oncePerName(steps.flatMap((step) => queueNamedBy(step.config ?? {})));
  const streams =
    definition.streams?.map(({ name, shardCount }) => ({ name, ...(shardCount === undefined ? {} : { shardCount }) })) ??
    oncePerName(steps.flatMap((step) => streamNamedBy(step.config ?? {})));
  const buckets = definition.buckets?.map(({ name }) => name) ?? steps.flatMap((step) => bucketsNamedBy(step.config ?? {}));
  const firstInput = definition.steps[0].input;
  const lineBytes = maxLineBytesFor(steps[0]?.config ?? {});
  const stream =
    overrides.inputFile !== undefined
      ? await openInput(overrides.inputFile)
      : typeof firstInput === "string"
        ? await openInput(path.resolve(baseDir, firstInput), "steps.0.input")
        : undefined;
  const input = stream === undefined ? documentLines(Array.isArray(firstInput) ? firstInput : []) : readNdjson(stream, lineBytes);
  return { connection, queues, streams, buckets, steps, input, release: () => stream?.destroy() };
}

/** Steps that share a queue (send, then receive and delete) name it once: it is created, and logged, once. */
function oncePerName<T extends { name: string }>(named: T[]): T[] {
  return [...new Map(named.map((item) => [item.name, item])).values()];
}

/** The schema's string map, without the optional-property holes its generated type allows. */
function stringEntries(map: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** The first step's inline documents, as the input lines an NDJSON file would give. */
async function* documentLines(documents: unknown[]): AsyncGenerator<InputLine> {
  for (const value of documents) yield { kind: "document", value };
}
