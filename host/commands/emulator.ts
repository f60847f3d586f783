import { ConnectorError, schemaRegistry, type Logger } from "../../connector/index.js";
import { startEmbeddedSqs, type EmbeddedSqs } from "../embeddedSqs.js";
import { EXIT, HELP_OPTION, integer, optional, VERBOSE_OPTION, type Command, type Values } from "./command.js";

export const emulatorCommand: Command = {
  name: "emulator",
  summary: "run the embedded SQS (and S3) on 127.0.0.1 until stopped, for pipes and Node-RED",
  usage: "[--port N] [--queue NAME]... [--bucket NAME]... [--region REGION]",
  options: {
    ...HELP_OPTION,
    port: { type: "string", short: "p", value: "N", description: "port on 127.0.0.1 (default: a free one)" },
    queue: {
      type: "string",
      short: "q",
      multiple: true,
      value: "NAME",
      description: "create this queue (.fifo names make FIFO queues); repeat for more",
    },
    bucket: {
      type: "string",
      short: "b",
      multiple: true,
      value: "NAME",
      description: "create this S3 bucket (for large payloads); repeat for more",
    },
    region: {
      type: "string",
      value: "REGION",
      description: "region the queues live in; connections must name the same region (default us-east-1)",
    },
    ...VERBOSE_OPTION,
  },
  notes: `Prints the endpoint URL (http://127.0.0.1:PORT) as the first line of stdout, then serves until Ctrl-C
(SIGINT) or SIGTERM. Point a connection at it: {"authType": "accessKeys", "accessKeyId": "test",
"secretAccessKey": "test", "region": "us-east-1", "endpoint": "http://127.0.0.1:PORT"} (any keys).
S3 answers on the same endpoint (path-style requests): set "s3Endpoint" to it too for large payloads.
Queues, buckets and objects live in memory until the emulator stops.`,
  exitCodes: "0 stopped by SIGINT or SIGTERM, 1 the emulator failed, 2 usage error (e.g. the port is taken)",
  run: ({ values, logger }) => runEmulator(values, logger),
};

/**
 * `"endpoint": "embedded"` lives as long as one command; this keeps the same
 * emulator running across commands (`receive | delete`), Node-RED flows and
 * test sessions, on loopback only.
 */
async function runEmulator(values: Values, logger: Logger): Promise<number> {
  const port = values["port"] === undefined ? undefined : integer(values["port"], "--port");
  if (port !== undefined && (port < 1 || port > 65535)) {
    throw new ConnectorError("CONFIG_INVALID", "--port must be between 1 and 65535 (or left out for a free port).", { field: "--port" });
  }
  const region = optional(values["region"]) ?? "us-east-1";
  // Any region code a connection may name (its customRegion's form); "" made the SDK fail after the server had started.
  if (!schemaRegistry().validator("schemas/common.json#/$defs/customRegion")(region)) {
    throw new ConnectorError("CONFIG_INVALID", `--region ${JSON.stringify(region)} is not a region code such as us-east-1.`, {
      field: "--region",
    });
  }
  const queues = named(
    values["queue"],
    "--queue",
    "queueName",
    "Queue names are 1-80 letters, digits, - and _, FIFO ones ending in .fifo.",
  );
  const buckets = named(
    values["bucket"],
    "--bucket",
    "s3BucketName",
    "Bucket names are 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.",
  );
  const emulator = await started(region, port);
  const stopped = new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  try {
    process.stdout.write(`${emulator.endpoint}\n`);
    for (const name of queues) logger.info(`emulator: created queue ${name} (${await createdQueue(emulator, name)})`);
    for (const name of buckets) {
      await createdBucket(emulator, name);
      logger.info(`emulator: created bucket ${name}`);
    }
    logger.info(`emulator: SQS and S3 on ${emulator.endpoint}, region ${region}; stop with Ctrl-C`);
    await stopped;
  } finally {
    await emulator.stop();
  }
  return EXIT.ok;
}

/** The names given with a flag, each one a name SQS or S3 would take (the emulator takes any, so a typo would pass unseen). */
function named(value: Values[string], flag: string, definition: string, rule: string): string[] {
  const names = (value ?? []) as string[];
  const valid = schemaRegistry().validator(`schemas/common.json#/$defs/${definition}`);
  const refused = names.find((name) => !valid(name));
  if (refused !== undefined)
    throw new ConnectorError("CONFIG_INVALID", `${flag} ${JSON.stringify(refused)} is not a valid name. ${rule}`, { field: flag });
  return names;
}

async function started(region: string, port: number | undefined): Promise<EmbeddedSqs> {
  try {
    return await startEmbeddedSqs({ region, ...(port === undefined ? {} : { port }) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new ConnectorError(
        "CONFIG_INVALID",
        `Port ${port} on 127.0.0.1 is in use: choose another --port, or leave it out for a free one.`,
        {
          field: "--port",
          cause: error,
        },
      );
    }
    throw error;
  }
}

async function createdQueue(emulator: EmbeddedSqs, name: string): Promise<string> {
  try {
    return await emulator.createQueue({ name });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConnectorError(
      "CONFIG_INVALID",
      `--queue ${name}: the emulator refused it (${reason}). Queue names are 1-80 letters, digits, - and _, FIFO ones ending in .fifo.`,
      { field: "--queue", cause: error },
    );
  }
}

async function createdBucket(emulator: EmbeddedSqs, name: string): Promise<void> {
  try {
    await emulator.createBucket(name);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConnectorError(
      "CONFIG_INVALID",
      `--bucket ${name}: the emulator refused it (${reason}). Bucket names are 3-63 lowercase letters, digits, dots and hyphens.`,
      { field: "--bucket", cause: error },
    );
  }
}
