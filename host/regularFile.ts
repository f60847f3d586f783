import { constants, type Stats } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";

/** Why a file was not read, in words that follow "…, which cannot be read: " or "Cannot read the file …: ". */
export interface FileProblem {
  code: "FILE_NOT_READABLE" | "FILE_TOO_LARGE";
  reason: string;
}

/**
 * Reads a regular file of at most `maxBytes`. Anything else is refused without
 * being read: /dev/zero would grow without end, a FIFO would block the process
 * for good, a directory has no content. Opened non-blocking, so a FIFO cannot
 * hold the open itself; the type and size come from the opened file, not a path
 * that could be swapped in between.
 *
 * `pipes`: a file the user named on the command line may also be a pipe
 * (`--connection <(vault read ...)` keeps secrets off the disk); it is read up
 * to the same limit. `@file` references inside a connection never are.
 */
export async function readRegularFile(file: string, maxBytes: number, options: { pipes?: boolean } = {}): Promise<Buffer | FileProblem> {
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { code: "FILE_NOT_READABLE", reason: openFailure(error) };
  }
  try {
    const stats = await handle.stat();
    if (stats.isFIFO() && options.pipes === true) return await readPipe(handle, maxBytes);
    if (!stats.isFile()) return { code: "FILE_NOT_READABLE", reason: `it is ${kindOf(stats)}, not a regular file` };
    if (stats.size > maxBytes) return { code: "FILE_TOO_LARGE", reason: `it is ${stats.size} bytes; at most ${maxBytes} bytes are read` };
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length <= maxBytes) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) return buffer.subarray(0, length);
      length += bytesRead;
    }
    // A file that grew while it was read is still held to the limit.
    return { code: "FILE_TOO_LARGE", reason: `it grew beyond ${maxBytes} bytes while it was read` };
  } catch (error) {
    return { code: "FILE_NOT_READABLE", reason: `reading it failed (${(error as NodeJS.ErrnoException).code ?? "error"})` };
  } finally {
    await handle.close();
  }
}

/** How long a pipe may take to deliver its content (a secret store answering a `<(...)` substitution). */
const PIPE_DEADLINE_MS = 30_000;

/**
 * A pipe's content up to `maxBytes`, through the non-blocking handle: a FIFO
 * nobody writes to reads as empty at once instead of blocking for good; one
 * whose writer is still busy answers EAGAIN, and is asked again until it ends,
 * overflows or passes the deadline.
 */
async function readPipe(handle: FileHandle, maxBytes: number): Promise<Buffer | FileProblem> {
  const buffer = Buffer.alloc(maxBytes + 1);
  const deadline = Date.now() + PIPE_DEADLINE_MS;
  let length = 0;
  for (;;) {
    let bytesRead: number;
    try {
      ({ bytesRead } = await handle.read(buffer, length, buffer.length - length, null));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      if (Date.now() > deadline)
        return { code: "FILE_NOT_READABLE", reason: `the pipe delivered no end within ${PIPE_DEADLINE_MS / 1000} s` };
      await new Promise((resolve) => setTimeout(resolve, 10));
      continue;
    }
    if (bytesRead === 0) return buffer.subarray(0, length);
    length += bytesRead;
    if (length > maxBytes) return { code: "FILE_TOO_LARGE", reason: `the pipe gave more than ${maxBytes} bytes` };
  }
}

function openFailure(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case "ENOENT":
      return "it does not exist";
    case "EACCES":
    case "EPERM":
      return "it is not readable (permission denied)";
    case "EISDIR":
      return "it is a directory, not a regular file";
    default:
      return `opening it failed (${(error as NodeJS.ErrnoException).code ?? "error"})`;
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isSocket()) return "a socket";
  return "not a plain file";
}
