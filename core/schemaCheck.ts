import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createAjv } from "./schemaCompiler.js";

/**
 * Every JSON file below `schemas/` (host-specific ones in subfolders too), keyed
 * by its path inside `schemas/` as `$ref`s name them.
 */
export function readAllSchemaFiles(root: string): Map<string, Record<string, unknown>> {
  const dir = path.join(root, "schemas");
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".json"))
    .map((file) => file.split(path.sep).join("/"))
    .sort();
  return new Map(files.map((file) => [file, JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Record<string, unknown>]));
}

/**
 * Compiles every schema, and every `$defs` entry on its own (ajv compiles only
 * what a schema reaches), with the connector's keywords: the problems found,
 * one line each, empty when all is well. Run by `npm run build`.
 */
export function schemaProblems(schemas: ReadonlyMap<string, Record<string, unknown>>): string[] {
  const ajv = createAjv();
  // A broken definition surfaces in every schema that reaches it: report it once.
  const problems = new Map<string, string>();
  const attempt = (where: string, step: () => unknown): void => {
    try {
      step();
    } catch (error) {
      const message = (error as Error).message;
      // ajv's own messages name the path relative to where the definition was reached.
      const key = message.replace(/ at path "[^"]*"/, "");
      if (!problems.has(key)) problems.set(key, `${where}: ${message}`);
    }
  };
  for (const [key, schema] of schemas) attempt(key, () => ajv.addSchema(schema, key));
  for (const [key, schema] of schemas) {
    const defs = Object.keys((schema["$defs"] ?? {}) as Record<string, unknown>).map((name) => `${key}#/$defs/${name}`);
    for (const ref of [...defs, key]) attempt(ref, () => ajv.getSchema(ref));
  }
  return [...problems.values()];
}
