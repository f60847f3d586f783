import { ConnectorError, type Listener, type ListenSummary, type Logger, type MessageHandler } from "../../connector/index.js";
import { readJsonObject } from "../jsonFiles.js";
import { bucketsNamedBy, openSession, queueNamedBy, readConnectionFile } from "../session.js";
import {
  CONNECTION_OPTION,
  EXIT,
  HELP_OPTION,
  integer,
  optional,
  QUEUE_OPTIONS,
  str,
  VERBOSE_OPTION,
  withTargetOverrides,
  type Command,
  type Values,
} from "./command.js";

export const listenCommand: Command = {
  name: "listen",
  summary: "run a command for every message, keeping it hidden while it runs (long-running consumer)",
  usage: "--connection FILE --config FILE [--max-messages N] [--idle-exit SECONDS] [--worker] -- COMMAND [ARGS...]",
  positionals: Number.POSITIVE_INFINITY,
  options: {
    ...HELP_OPTION,
    ...CONNECTION_OPTION,
    config: { type: "string", value: "FILE", description: "listen configuration JSON (schemas/listen.config.json)" },
    "max-messages": { type: "string", value: "N", description: "stop after N settlements" },
    "idle-exit": { type: "string", value: "SECONDS", description: "stop after this long without a message and with nothing in flight" },
    worker: {
      type: "boolean",
      description:
        'start COMMAND once; it reads one NDJSON line per delivery (the document plus "id") and answers {"id", "ack": true|false, "retryAfterSeconds"?} per line',
    },
    ...QUEUE_OPTIONS,
    ...VERBOSE_OPTION,
  },
  notes: `COMMAND runs once per message (at most maxInFlight at a time) with the decoded body on stdin and
SQS_MESSAGE_ID, SQS_RECEIVE_COUNT, SQS_MESSAGE_GROUP_ID (FIFO), SQS_QUEUE_URL and SQS_MESSAGE_ATTRIBUTES (JSON) in
its environment; its stdout and stderr go to stderr. Exit 0 acknowledges (deletes) the message; any other exit
makes it visible again after its backoff. Every settlement writes one NDJSON result to stdout: success with
"outcome": "acknowledged", or an error (HANDLER_FAILED, MESSAGE_POISONED, VISIBILITY_LIMIT_REACHED, ...).
SIGINT or SIGTERM stops gracefully (running commands may finish for drainSeconds, then what is held is released);
a second one releases at once.`,
  exitCodes:
    "0 every message handled ended acknowledged, 3 some message's last outcome was a failure or poison, 1 the listener failed as a whole, 2 usage or configuration error",
  run: ({ values, positionals, logger }) => listen(values, positionals, logger),
};

async function listen(values: Values, positionals: string[], logger: Logger): Promise<number> {
  const [command, ...args] = positionals;
  if (command === undefined) {
    throw new ConnectorError(
      "CONFIG_INVALID",
      "listen needs a command to run for each message: sqs-connector listen ... -- COMMAND [ARGS...]",
      {
        field: "command",
      },
    );
  }
  const config = withTargetOverrides(values["config"] === undefined ? {} : await readJsonObject(str(values["config"]), "config"), values);
  const maxSettlements = values["max-messages"] === undefined ? undefined : positive(values["max-messages"], "--max-messages");
  const idleSeconds = values["idle-exit"] === undefined ? undefined : positive(values["idle-exit"], "--idle-exit");
  const deadLetterQueue = { queueName: config["deadLetterQueueName"], queueUrl: config["deadLetterQueueUrl"] };
  // Loaded here, not at start-up: only `listen` runs handler commands. Before the session opens, so that
  // a failure to load them has no emulator or client to release.
  const [{ messageCommand }, { WorkerProcess }] = await Promise.all([
    import("../listen/messageCommand.js"),
    import("../listen/workerProcess.js"),
  ]);
  const session = await openSession(await readConnectionFile(optional(values["connection"])), {
    logger,
    queues: [...queueNamedBy(config), ...queueNamedBy(deadLetterQueue)],
    buckets: bucketsNamedBy(config),
  });
  let failure: ConnectorError | undefined;
  let listener: Listener | undefined;
  const stopWith = (error: ConnectorError): void => {
    failure ??= error;
    void listener?.stop({ drainSeconds: 0 });
  };
  let worker: InstanceType<typeof WorkerProcess> | undefined;
  let removeSignals = (): void => {};
  let summary: ListenSummary;
  // Whatever fails from here on (a configuration listen() refuses, a worker that cannot start), the
  // worker, the emulator and the client are released, or the process would never exit.
  try {
    // The worker starts once listen() has accepted the configuration, before any message can reach it.
    const handler: MessageHandler =
      values["worker"] === true ? (document, context) => worker!.handler(document, context) : messageCommand(command, args, stopWith);
    const started = session.connection.listen(config, handler, {
      onSettled: (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
      ...(maxSettlements === undefined ? {} : { maxSettlements }),
      ...(idleSeconds === undefined ? {} : { idleSeconds }),
    });
    listener = started;
    if (values["worker"] === true) worker = new WorkerProcess(command, args, logger, stopWith);
    removeSignals = onStopSignals(
      () => void started.stop(),
      () => void started.stop({ drainSeconds: 0 }),
    );
    summary = await started.summary;
  } finally {
    removeSignals();
    await worker?.close();
    await session.close();
  }
  if (failure !== undefined) throw failure;
  logger.debug(
    `listen: ${summary.settlements} settlements, ${summary.acknowledged} acknowledged, ${summary.failed} failed, ${summary.poisoned} poisoned, ${summary.unacknowledged} messages not acknowledged`,
  );
  return summary.unacknowledged === 0 ? EXIT.ok : EXIT.someFailed;
}

/** SIGINT/SIGTERM: the first stops gracefully, a second one at once. Returns a function that removes the handlers. */
function onStopSignals(graceful: () => void, immediate: () => void): () => void {
  let received = 0;
  const handle = (): void => {
    received += 1;
    if (received === 1) graceful();
    else immediate();
  };
  process.on("SIGINT", handle);
  process.on("SIGTERM", handle);
  return () => {
    process.off("SIGINT", handle);
    process.off("SIGTERM", handle);
  };
}

function positive(value: Values[string], flag: string): number {
  const parsed = integer(value, flag);
  if (parsed < 1) throw new ConnectorError("CONFIG_INVALID", `${flag} must be at least 1.`, { field: flag });
  return parsed;
}
