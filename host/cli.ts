#!/usr/bin/env node
import { parseArgs } from "node:util";
import { ConnectorError } from "../connector/errors.js";
import { browseCommand, EXIT, operationCommand, runCommand, testConnectionCommand, type Values } from "./cliCommands.js";
import { COMMANDS, commandHelp, generalHelp } from "./cliHelp.js";
import { demoCommand } from "./demo.js";
import { stderrLogger } from "./stderrReporter.js";

// The SDK warns on every start that releases after January 2027 need Node 22; the
// README says so once, and the warning would bury this tool's own messages.
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(generalHelp());
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  const spec = COMMANDS[command];
  if (spec === undefined) {
    process.stderr.write(`sqs-connector: unknown command "${command}".\n\n${generalHelp()}`);
    return EXIT.usage;
  }
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: rest, options: spec.options, allowPositionals: true, strict: true }) as {
      values: Values;
      positionals: string[];
    });
  } catch (error) {
    process.stderr.write(`sqs-connector ${command}: ${(error as Error).message}\n\n${commandHelp(command, spec)}`);
    return EXIT.usage;
  }
  if (values.help === true) {
    process.stdout.write(commandHelp(command, spec));
    return EXIT.ok;
  }
  if (positionals.length > (spec.positionals ?? 0)) {
    process.stderr.write(`sqs-connector ${command}: unexpected argument "${positionals[spec.positionals ?? 0]}".\n\n${commandHelp(command, spec)}`);
    return EXIT.usage;
  }
  const logger = stderrLogger(values.verbose === true);
  switch (command) {
    case "test-connection":
      return testConnectionCommand(values, logger);
    case "browse":
      return browseCommand(values, logger);
    case "run":
      return runCommand(positionals[0], values, logger);
    case "demo":
      return demoCommand(values, logger);
    default:
      return operationCommand(command, values, logger);
  }
}

/** Configuration problems (files, fields, certificates) are usage errors (2); anything else failed the operation (1). */
function exitCodeFor(error: unknown): number {
  return error instanceof ConnectorError && error.kind === "config" ? EXIT.usage : EXIT.operationFailed;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // ConnectorErrors are already redacted by the connection; print the message, not the stack.
    const message = error instanceof ConnectorError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
    process.stderr.write(`sqs-connector: ${message}\n`);
    process.exitCode = exitCodeFor(error);
  },
);
