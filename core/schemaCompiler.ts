import { _, type Ajv2020 as Ajv } from "ajv/dist/2020.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import { schemaFormats } from "./schemaFormats.cjs";
import { addSchemaKeywords } from "./schemaKeywords.js";

/**
 * An ajv instance as the connector validates with: strict, our `x-*` keywords
 * checked (core/schemaKeywords.ts), and useDefaults, which fills schema defaults
 * into configs, so defaults live only in schemas. Used where schemas are
 * compiled: the build, which writes each validator as standalone code
 * (scripts/build-validators.mjs, with `standalone`), and the schema checks; at
 * run time the connector loads those precompiled validators and never ajv.
 */
export function createAjv(options: { standalone?: boolean } = {}): Ajv {
  const ajv = new Ajv2020({
    allErrors: false,
    verbose: true,
    useDefaults: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    strictTypes: false,
    // Standalone code requires the formats from this path, relative to dist/core/validators/.
    ...(options.standalone === true ? { code: { source: true, formats: _`require("../schemaFormats.cjs").schemaFormats` } } : {}),
  });
  for (const [name, format] of Object.entries(schemaFormats)) ajv.addFormat(name, format);
  addSchemaKeywords(ajv);
  return ajv;
}
