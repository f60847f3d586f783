#!/usr/bin/env node
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { assertKnownContractVersion, ConnectorError, nearestNames, packageRoot, readManifest } from "../connector/index.js";
import { exitQuietlyOnClosedPipe } from "./closedPipe.js";
import { EXIT, type Command, type Values } from "./commands/command.js";
import { COMMANDS, findCommand } from "./commands/commandTable.js";
import { commandHelp, generalHelp } from "./commands/help.js";
import { alternatives, optionError } from "./optionErrors.js";
import { stderrLogger } from "./stderrReporter.js";

// The SDK warns on every start that releases after January 2027 need Node 22; the
// README says so once, and the warning would bury this tool's own messages.
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(generalHelp(COMMANDS));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === "--version" || name === "-V") {
    process.stdout.write(`sqs-connector ${packageVersion()}\n`);
    return EXIT.ok;
  }
  if (name.startsWith("-")) {
    // `sqs-connector --verbose send ...`: the options belong to the command.
    process.stderr.write(
      `sqs-connector: ${name} is not a command; a command's options follow its name (sqs-connector <command> ${name} ...). Only --help and --version come first.\n\n${generalHelp(COMMANDS)}`,
    );
    return EXIT.usage;
  }
  const command = findCommand(name);
  if (command === undefined) {
    const near = nearestNames(
      name,
      COMMANDS.map((c) => c.name),
    );
    const guess = near.length === 0 ? "" : ` Did you mean ${alternatives(near.map((n) => `"${n}"`))}?`;
    process.stderr.write(`sqs-connector: unknown command "${name}".${guess}\n\n${generalHelp(COMMANDS)}`);
    return EXIT.usage;
  }
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: rest, options: parseOptions(command), allowPositionals: true, strict: true }));
  } catch (error) {
    process.stderr.write(`sqs-connector ${name}: ${optionError(command, error as Error)}\n`);
    return EXIT.usage;
  }
  if (values["help"] === true) {
    process.stdout.write(commandHelp(command));
    return EXIT.ok;
  }
  if (positionals.length > (command.positionals ?? 0)) {
    process.stderr.write(
      `sqs-connector ${name}: unexpected argument "${positionals[command.positionals ?? 0]}". Run \`sqs-connector ${name} --help\` for its usage.\n`,
    );
    return EXIT.usage;
  }
  assertKnownContractVersion(readManifest(), "the sqs-connector CLI");
  return command.run({ values, positionals, logger: stderrLogger(values["verbose"] === true) });
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
}

/** The options as parseArgs takes them (without their help texts). */
function parseOptions(command: Command): NonNullable<ParseArgsConfig["options"]> {
  return Object.fromEntries(
    Object.entries(command.options).map(([name, { type, short, multiple }]) => [
      name,
      { type, ...(short === undefined ? {} : { short }), ...(multiple === undefined ? {} : { multiple }) },
    ]),
  );
}

/** Configuration problems (files, fields, certificates) are usage errors (2); anything else failed the operation (1). */
function exitCodeFor(error: unknown): number {
  return error instanceof ConnectorError && error.kind === "config" ? EXIT.usage : EXIT.operationFailed;
}

exitQuietlyOnClosedPipe();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // ConnectorErrors are already redacted by the connection; print the message, not the stack.
    const message =
      error instanceof ConnectorError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
    process.stderr.write(`sqs-connector: ${message}\n`);
    process.exitCode = exitCodeFor(error);
  },
);
