import path from "node:path";
import { connect, type Connection, ConnectorError, type Logger, type Progress } from "../connector/index.js";
import { startEmbeddedSqs, type EmbeddedQueue, type EmbeddedSqs } from "./embeddedSqs.js";
import { readJsonObject, resolveFileReferences } from "./jsonFiles.js";

export interface Session {
  connection: Connection;
  embedded: EmbeddedSqs | undefined;
  close(): Promise<void>;
}

export interface SessionOptions {
  logger: Logger;
  onProgress?: (progress: Progress) => void;
  /** Queues to create when the connection uses the embedded SQS. */
  queues?: EmbeddedQueue[];
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
 * Connects the host to SQS. `"endpoint": "embedded"` starts the in-process
 * emulator on loopback for this session and creates the queues it will need.
 */
export async function openSession(connectionConfig: Record<string, unknown>, options: SessionOptions): Promise<Session> {
  let embedded: EmbeddedSqs | undefined;
  let config = connectionConfig;
  if (config["endpoint"] === "embedded") {
    embedded = await startEmbeddedSqs({ region: typeof config["region"] === "string" ? config["region"] : undefined });
    config = { ...config, endpoint: embedded.endpoint };
    for (const queue of options.queues ?? []) {
      await embedded.createQueue(queue);
      // A mistyped queue name would otherwise pass unnoticed: the emulator makes whatever it is asked for.
      options.logger.info(`embedded SQS: created queue ${queue.name}`);
    }
    options.logger.debug(`Embedded SQS listening on ${embedded.endpoint}`);
  }
  try {
    const connection = connect(config, {
      logger: options.logger,
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    });
    return {
      connection,
      embedded,
      async close() {
        connection.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
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
