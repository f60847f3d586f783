import path from "node:path";
import { connect, type Connection, ConnectorError, type Logger, type Progress, streamNameOfArn } from "../connector/index.js";
import type { EmbeddedKinesis, EmbeddedStream } from "./embeddedKinesis.js";
import type { EmbeddedQueue, EmbeddedSqs } from "./embeddedSqs.js";
import { readJsonObject, resolveFileReferences } from "./jsonFiles.js";

export interface Session {
  connection: Connection;
  embedded: EmbeddedSqs | undefined;
  embeddedKinesis: EmbeddedKinesis | undefined;
  close(): Promise<void>;
}

export interface SessionOptions {
  logger: Logger;
  onProgress?: (progress: Progress) => void;
  /** Queues to create when the connection uses the embedded SQS. */
  queues?: EmbeddedQueue[];
  /** Streams to create when the connection uses the embedded Kinesis. */
  streams?: EmbeddedStream[];
  /** Buckets to create when S3 goes to the embedded emulator. */
  buckets?: string[];
}

/** Reads a connection file (resolving "@file" certificate fields relative to it). */
export async function readConnectionFile(file: string | undefined): Promise<Record<string, unknown>> {
  if (file === undefined) {
    throw new ConnectorError("CONFIG_INVALID", "--connection FILE is required (a JSON connection; see --help).", { field: "connection" });
  }
  const raw = await readJsonObject(file, "connection");
  return resolveFileReferences(raw, path.dirname(path.resolve(file)));
}

/**
 * Connects the host to SQS, Kinesis and S3. `"endpoint": "embedded"` (SQS, and
 * S3 unless s3Endpoint says otherwise), `"s3Endpoint": "embedded"` and
 * `"kinesisEndpoint": "embedded"` start the in-process emulators on loopback
 * for this session and create the queues, buckets and streams it will need.
 */
export async function openSession(connectionConfig: Record<string, unknown>, options: SessionOptions): Promise<Session> {
  let embedded: EmbeddedSqs | undefined;
  let embeddedKinesis: EmbeddedKinesis | undefined;
  let config = connectionConfig;
  const stopEmulators = async (): Promise<void> => {
    await embedded?.stop();
    await embeddedKinesis?.stop();
  };
  try {
    const region = config["region"];
    // A bad region is for the connection to report; the emulators just need one to start.
    const emulatorRegion = typeof region === "string" && region !== "" ? { region } : {};
    // "embedded" serves SQS and S3 on one port: S3 follows an embedded SQS unless s3Endpoint names another endpoint.
    const sqsEmbedded = config["endpoint"] === "embedded";
    const s3Embedded = config["s3Endpoint"] === "embedded" || (sqsEmbedded && config["s3Endpoint"] === undefined);
    if (sqsEmbedded || s3Embedded) {
      // The emulators' modules load only for a session that starts one.
      const { startEmbeddedSqs } = await import("./embeddedSqs.js");
      embedded = await startEmbeddedSqs(emulatorRegion);
      options.logger.debug(`Embedded SQS and S3 listening on ${embedded.endpoint}`);
    }
    if (sqsEmbedded) {
      config = { ...config, endpoint: embedded!.endpoint };
      await createQueues(embedded!, options.queues ?? [], options.logger);
    }
    if (s3Embedded) {
      config = { ...config, s3Endpoint: embedded!.endpoint };
      await createBuckets(embedded!, options.buckets ?? [], options.logger);
    }
    if (config["kinesisEndpoint"] === "embedded") {
      const { startEmbeddedKinesis } = await import("./embeddedKinesis.js");
      embeddedKinesis = await startEmbeddedKinesis(emulatorRegion);
      config = { ...config, kinesisEndpoint: embeddedKinesis.endpoint };
      await createStreams(embeddedKinesis, options.streams ?? [], options.logger);
      options.logger.debug(`Embedded Kinesis listening on ${embeddedKinesis.endpoint}`);
    }
    const connection = connect(config, {
      logger: options.logger,
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    });
    return {
      connection,
      embedded,
      embeddedKinesis,
      async close() {
        connection.close();
        await stopEmulators();
      },
    };
  } catch (error) {
    // Whatever failed after an emulator started, it stops, or the process would never exit.
    await stopEmulators();
    throw error;
  }
}

/** The queues a process file asks the embedded SQS for; each one that cannot be created is a usage error naming it. */
async function createQueues(embedded: EmbeddedSqs, queues: unknown, logger: Logger): Promise<void> {
  if (!Array.isArray(queues)) {
    throw new ConnectorError("CONFIG_INVALID", 'queues must be a list: [{"name": "orders.fifo", "attributes": {...}}, ...].', {
      field: "queues",
    });
  }
  for (const [i, entry] of (queues as unknown[]).entries()) {
    const queue = embeddedQueue(entry);
    if (queue === undefined) {
      throw new ConnectorError(
        "CONFIG_INVALID",
        `queues[${i}] must be {"name": "...", "attributes": {"Name": "text value", ...}}; attribute values are strings, as SQS takes them.`,
        { field: `queues[${i}]` },
      );
    }
    try {
      await embedded.createQueue(queue);
    } catch (error) {
      throw new ConnectorError(
        "CONFIG_INVALID",
        `queues[${i}] (${queue.name}) could not be created on the embedded SQS: ${(error as Error).message}`,
        {
          field: `queues[${i}]`,
          cause: error,
        },
      );
    }
    // A mistyped queue name would otherwise pass unnoticed: the emulator makes whatever it is asked for.
    logger.info(`embedded SQS: created queue ${queue.name}`);
  }
}

function embeddedQueue(entry: unknown): EmbeddedQueue | undefined {
  if (entry === null || typeof entry !== "object") return undefined;
  const { name, attributes } = entry as { name?: unknown; attributes?: unknown };
  if (typeof name !== "string") return undefined;
  if (attributes === undefined) return { name };
  if (attributes === null || typeof attributes !== "object" || !Object.values(attributes).every((v) => typeof v === "string"))
    return undefined;
  return { name, attributes: attributes as Record<string, string> };
}

/** The queue an operation config names, as a queue to create on the embedded SQS. */
export function queueNamedBy(config: Record<string, unknown>): EmbeddedQueue[] {
  const name =
    typeof config["queueName"] === "string"
      ? config["queueName"]
      : typeof config["queueUrl"] === "string"
        ? config["queueUrl"].slice(config["queueUrl"].lastIndexOf("/") + 1)
        : undefined;
  return name === undefined ? [] : [{ name }];
}

/** The buckets an operation config's largePayload names (bucket, and the buckets of allowedBuckets), to create on the embedded S3. */
export function bucketsNamedBy(config: Record<string, unknown>): string[] {
  const largePayload = config["largePayload"];
  if (largePayload === null || typeof largePayload !== "object") return [];
  const { bucket, allowedBuckets } = largePayload as { bucket?: unknown; allowedBuckets?: unknown };
  const names = [bucket, ...(Array.isArray(allowedBuckets) ? (allowedBuckets as unknown[]) : [])]
    .filter((name): name is string => typeof name === "string" && name !== "")
    .map((name) => name.split("/")[0]!);
  return [...new Set(names)];
}

async function createBuckets(embedded: EmbeddedSqs, buckets: string[], logger: Logger): Promise<void> {
  for (const [i, name] of [...new Set(buckets)].entries()) {
    try {
      await embedded.createBucket(name);
    } catch (error) {
      throw new ConnectorError(
        "CONFIG_INVALID",
        `buckets[${i}] (${name}) could not be created on the embedded S3: ${(error as Error).message}`,
        {
          field: `buckets[${i}]`,
          cause: error,
        },
      );
    }
    // As for queues: a mistyped bucket name shows.
    logger.info(`embedded S3: created bucket ${name}`);
  }
}

/** The stream an operation config or test target names, as a stream to create on the embedded Kinesis. */
export function streamNamedBy(config: Record<string, unknown>): EmbeddedStream[] {
  const name =
    typeof config["streamName"] === "string"
      ? config["streamName"]
      : typeof config["streamArn"] === "string"
        ? streamNameOfArn(config["streamArn"])
        : undefined;
  return name === undefined ? [] : [{ name }];
}

async function createStreams(embedded: EmbeddedKinesis, streams: EmbeddedStream[], logger: Logger): Promise<void> {
  for (const [i, stream] of streams.entries()) {
    try {
      await embedded.createStream(stream);
    } catch (error) {
      throw new ConnectorError(
        "CONFIG_INVALID",
        `streams[${i}] (${stream.name}) could not be created on the embedded Kinesis: ${(error as Error).message}`,
        {
          field: `streams[${i}]`,
          cause: error,
        },
      );
    }
    // As for queues: a mistyped stream name shows.
    logger.info(`embedded Kinesis: created stream ${stream.name}`);
  }
}
