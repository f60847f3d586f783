import { spawn } from "node:child_process";
import type { ConnectorError, HandlerContext, ListenDocument, MessageHandler } from "../../connector/index.js";
import { bodyText, commandUnusable, terminate } from "./childProcesses.js";

/**
 * The handler of `sqs-connector listen -- COMMAND [ARGS...]`: runs COMMAND once
 * per message with the decoded body on its stdin and the message's facts in its
 * environment. Exit 0 acknowledges; any other exit (or a signal) fails the
 * message. The command's stdout and stderr go to our stderr (stdout carries the
 * settlement results). When the listener stops waiting for it (visibility limit,
 * drain time over, settled elsewhere) the command is terminated.
 */
export function messageCommand(command: string, args: string[], unusable: (error: ConnectorError) => void): MessageHandler {
  return (document, context) =>
    new Promise<void>((resolve, reject) => {
      let child: ReturnType<typeof spawn>;
      try {
        child = spawn(command, args, {
          stdio: ["pipe", 2, 2],
          env: { ...process.env, ...messageEnvironment(document, context) },
          detached: true,
        });
      } catch (error) {
        // Linux caps one environment variable at 128 KiB; SQS allows 256 KiB of attributes.
        if ((error as NodeJS.ErrnoException).code !== "E2BIG") throw error;
        throw new Error(
          `${command} could not be started: this message's facts (SQS_MESSAGE_ATTRIBUTES, ${Buffer.byteLength(JSON.stringify(document.messageAttributes))} bytes) are more than the system takes in an environment variable; use --worker, which reads each delivery as an NDJSON line.`,
          { cause: error },
        );
      }
      const stop = (): void => terminate(child);
      context.signal.addEventListener("abort", stop, { once: true });
      child.on("error", (error: NodeJS.ErrnoException) => {
        context.signal.removeEventListener("abort", stop);
        if (error.code === "ENOENT" || error.code === "EACCES") unusable(commandUnusable(command, error));
        reject(new Error(`${command} could not be started (${error.code ?? error.message})`));
      });
      child.on("exit", (code, signal) => {
        context.signal.removeEventListener("abort", stop);
        if (code === 0) return resolve();
        const status = signal === null ? `exited with status ${String(code)}` : `was ended by ${signal}`;
        reject(Object.assign(new Error(`${command} ${status}`), { details: signal === null ? { exitStatus: code } : { signal } }));
      });
      // A command that does not read its stdin closes it early; that is not a failure of the message.
      child.stdin?.on("error", () => {});
      child.stdin?.end(bodyText(document));
    });
}

/** SQS_MESSAGE_ID, SQS_RECEIVE_COUNT, SQS_MESSAGE_GROUP_ID (FIFO), SQS_QUEUE_URL and SQS_MESSAGE_ATTRIBUTES (JSON). */
export function messageEnvironment(document: ListenDocument, context: HandlerContext): Record<string, string> {
  const group = document.attributes["MessageGroupId"];
  return {
    SQS_MESSAGE_ID: document.messageId,
    SQS_RECEIVE_COUNT: String(context.receiveCount),
    ...(group === undefined ? {} : { SQS_MESSAGE_GROUP_ID: group }),
    SQS_QUEUE_URL: document.queueUrl,
    SQS_MESSAGE_ATTRIBUTES: JSON.stringify(document.messageAttributes),
  };
}
