import type { Command, OptionSpec } from "./command.js";

const WIDTH = 100;

/** A command's --help: usage, summary, aligned options, notes and exit codes. */
export function commandHelp(command: Command): string {
  const rows = Object.entries(command.options).map(([name, option]) => [optionLabel(name, option), option.description] as const);
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const options = rows.map(([label, description]) => wrapped(`  ${label.padEnd(labelWidth)}  `, description)).join("\n");
  const notes = command.notes === undefined ? "" : `\n${command.notes}\n`;
  return `Usage: sqs-connector ${command.name} ${command.usage}\n\n${capitalised(command.summary)}.\n\nOptions:\n${options}\n${notes}\n${wrapped("Exit codes: ", `${command.exitCodes}.`)}\n`;
}

/** The command list for `sqs-connector --help`. */
export function generalHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return `Amazon SQS connector: reference host CLI.\n\nUsage: sqs-connector <command> [options]\n\nCommands:\n${lines.join("\n")}\n\nRun \`sqs-connector <command> --help\` for a command's options and exit codes; \`sqs-connector --version\` prints the version.\n`;
}

function optionLabel(name: string, option: OptionSpec): string {
  const long = `--${name}${option.value === undefined ? "" : ` ${option.value}`}`;
  return option.short === undefined ? `    ${long}` : `-${option.short}, ${long}`;
}

/** The description wrapped to the page width, continuation lines under its first. */
function wrapped(prefix: string, text: string): string {
  const room = Math.max(30, WIDTH - prefix.length);
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.map((text, i) => (i === 0 ? prefix : " ".repeat(prefix.length)) + text).join("\n");
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
