import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { readManifest, readSchemas, type Manifest } from "./manifest.js";
import { addSchemaKeywords } from "./schemaKeywords.js";
import { isSqsNumber } from "./sqsNumber.js";
import { isSqsText } from "./sqsText.js";

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export interface SchemaRegistry {
  readonly manifest: Manifest;
  readonly schemas: ReadonlyMap<string, Record<string, unknown>>;
  /** The compiled validator for a schema file, e.g. `schemas/send.input.json`. */
  validator(schemaFile: string): ValidateFunction;
  /** A schema by its ajv key (the file name, as refs name it), for walking error paths. */
  schemaByKey(key: string): Record<string, unknown> | undefined;
}

/**
 * An ajv instance as the connector validates with: strict, our `x-*` keywords
 * checked (core/schemaKeywords.ts), and useDefaults, which fills schema defaults
 * into configs, so defaults live only in schemas.
 */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: false,
    verbose: true,
    useDefaults: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    strictTypes: false,
  });
  addFormats(ajv, ["uri"]);
  // SQS's Number range (38 digits, 10^-128..10^+126), which a pattern cannot state.
  ajv.addFormat("sqs-number", { type: "string", validate: isSqsNumber });
  // SQS's character set, checked in linear time for bodies of any size.
  ajv.addFormat("sqs-text", { type: "string", validate: isSqsText });
  addSchemaKeywords(ajv);
  return ajv;
}

function buildRegistry(): SchemaRegistry {
  const manifest = readManifest();
  const schemas = readSchemas();
  const ajv = createAjv();
  for (const [file, schema] of schemas) ajv.addSchema(schema, file.slice("schemas/".length));
  const compiled = new Map<string, ValidateFunction>();
  return {
    manifest,
    schemas,
    validator(schemaFile) {
      let validate = compiled.get(schemaFile);
      if (validate === undefined) {
        validate = ajv.getSchema(schemaFile.slice("schemas/".length));
        if (validate === undefined) throw new Error(`unknown schema ${schemaFile}`);
        compiled.set(schemaFile, validate);
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
 * The manifest and compiled schemas, loaded once per process on first use.
 * Immutable after loading; this and the Roles Anywhere credential cache are the
 * only process-wide state.
 */
export function schemaRegistry(): SchemaRegistry {
  registry ??= buildRegistry();
  return registry;
}
