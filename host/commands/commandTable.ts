import { browseCommand } from "./browse.js";
import type { Command } from "./command.js";
import { credentialsCommand } from "./credentials.js";
import { demoCommand } from "./demo.js";
import { emulatorCommand } from "./emulator.js";
import { listenCommand } from "./listen.js";
import { changeVisibilityCommand, deleteCommand, putRecordsCommand, receiveCommand, sendCommand } from "./operationCommands.js";
import { runCommand } from "./run.js";
import { testConnectionCommand } from "./testConnection.js";

/** Every CLI command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  testConnectionCommand,
  browseCommand,
  sendCommand,
  receiveCommand,
  deleteCommand,
  putRecordsCommand,
  changeVisibilityCommand,
  listenCommand,
  runCommand,
  demoCommand,
  credentialsCommand,
  emulatorCommand,
];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((command) => command.name === name);
}
