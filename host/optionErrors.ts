import { nearestNames } from "../connector/index.js";
import type { Command } from "./commands/command.js";

/**
 * What went wrong with a command's options, in the terms of this command:
 * parseArgs says "Unknown option '--queue'"; this says which options were
 * probably meant (`--queue-name`, ...) and where the list is.
 */
export function optionError(command: Command, error: Error): string {
  const more = `Run \`sqs-connector ${command.name} --help\` for its options.`;
  const unknown = /Unknown option '(-{1,2})([^'=]+)/.exec(error.message);
  if (unknown === null) return `${error.message}. ${more}`;
  const typed = `${unknown[1]}${unknown[2]}`;
  if (typed === "--version" || typed === "-V")
    return `${typed} is not an option of ${command.name}: \`sqs-connector --version\` prints the version.`;
  const near = unknown[1] === "--" ? nearestNames(unknown[2]!, Object.keys(command.options)).map((name) => `--${name}`) : [];
  return near.length === 0 ? `unknown option ${typed}. ${more}` : `unknown option ${typed}: did you mean ${alternatives(near)}? ${more}`;
}

/** "a", "a or b", "a, b or c". */
export function alternatives(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} or ${names.at(-1)!}`;
}
