import type { ValidateFunction } from "ajv/dist/2020.js";
import { createRequire } from "node:module";
import { readManifest, type Manifest } from "./manifest.js";
import { SchemaFiles } from "./schemaFiles.js";

export interface SchemaRegistry {
  readonly manifest: Manifest;
  readonly schemas: ReadonlyMap<string, Record<string, unknown>>;
  /** The compiled validator for a schema file, e.g. `schemas/send.input.json`, or one of its definitions (`schemas/common.json#/$defs/queueName`). */
  validator(schemaFile: string): ValidateFunction;
  /** A schema by its ajv key (the file name, as refs name it), for walking error paths. */
  schemaByKey(key: string): Record<string, unknown> | undefined;
}

const requireValidator = createRequire(import.meta.url);

/**
 * The validator of `schemas/<name>.json`, compiled by ajv at build time
 * (scripts/build-validators.mjs writes dist/core/validators/<name>.cjs, with
 * the schema checks that compiling runs): loading one is a require of plain
 * code, and only the schemas a command uses are loaded.
 */
function precompiledValidator(schemaFile: string): ValidateFunction {
  const name = schemaFile
    .replace(/^schemas\//, "")
    .replace(/\.json(?:#\/(\$defs)\/)?/, (_, defs?: string) => (defs === undefined ? "" : ".$defs."))
    .replaceAll("/", ".");
  try {
    return requireValidator(`./validators/${name}.cjs`) as ValidateFunction;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND") throw new Error(`unknown schema ${schemaFile}`, { cause: error });
    throw error;
  }
}

function buildRegistry(): SchemaRegistry {
  const manifest = readManifest();
  const schemas = new SchemaFiles();
  const loaded = new Map<string, ValidateFunction>();
  return {
    manifest,
    schemas,
    validator(schemaFile) {
      let validate = loaded.get(schemaFile);
      if (validate === undefined) {
        validate = precompiledValidator(schemaFile);
        loaded.set(schemaFile, validate);
      }
      return validate;
    },
    schemaByKey(key) {
      return schemas.get(`schemas/${key}`);
    },
  };
}

let registry: SchemaRegistry | undefined;

/**
 * The manifest, the schemas (each read on first use) and their precompiled
 * validators, once per process. Immutable after loading; this and the Roles
 * Anywhere credential cache are the only process-wide state.
 */
export function schemaRegistry(): SchemaRegistry {
  registry ??= buildRegistry();
  return registry;
}
