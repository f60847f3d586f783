import { constants } from "node:os";

/** What a shell reports for a command killed by SIGPIPE (128 + 13), as `yes | head -1` shows. */
export const CLOSED_PIPE_EXIT = 128 + constants.signals.SIGPIPE;

/**
 * A reader that goes away (`send ... | head -2`) makes the next write fail with
 * EPIPE. Unix tools die of SIGPIPE then, silently; Node ignores that signal and
 * would print the unhandled error's stack instead. This ends the process the
 * way the tools do: no message, status 141. Requests already sent are not
 * waited for, as a tool killed by the signal would not wait either.
 */
export function exitQuietlyOnClosedPipe(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      process.exit(error.code === "EPIPE" ? CLOSED_PIPE_EXIT : 1);
    });
  }
}
