import { register } from "node:module";

/*
 * `NODE_OPTIONS=--import=<this file's URL> FAIL_MODULE=<path>`: the module at
 * <path> fails to load in that process (failingModuleHooks.ts), and an
 * unhandled rejection ends it with status 99 and says so. Only for child
 * processes: importing it registers the hooks.
 */
register("./failingModuleHooks.js", import.meta.url);
process.on("unhandledRejection", (error: unknown) => {
  process.stderr.write(`UNHANDLED REJECTION: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(99);
});
