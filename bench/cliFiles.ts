import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { EMBEDDED_CREDENTIALS } from "../host/embeddedSqs.js";
import type { EmulatorProcess } from "./emulator.js";

/** Files for CLI runs: `connection`, a connection file for the bench's emulator, and `write` for more. */
export interface CliFiles {
  readonly connection: string;
  /** Writes `text` to a file of that name in the directory and returns its path. */
  readonly write: (name: string, text: string) => string;
}

/** Runs `work` with a fresh temporary directory of CLI files, removed afterwards whatever happens. */
export async function withCliFiles<T>(
  emulator: Pick<EmulatorProcess, "endpoint" | "region">,
  work: (files: CliFiles) => Promise<T>,
): Promise<T> {
  const directory = mkdtempSync(path.join(tmpdir(), "sqs-connector-bench-"));
  try {
    const write = (name: string, text: string): string => {
      const file = path.join(directory, name);
      writeFileSync(file, text);
      return file;
    };
    const { endpoint, region } = emulator;
    const connection = write("connection.json", JSON.stringify({ authType: "accessKeys", ...EMBEDDED_CREDENTIALS, region, endpoint }));
    return await work({ connection, write });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
