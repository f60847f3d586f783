// Precompiles every schema under schemas/ into a validator of its own, as ajv
// standalone code (dist/core/validators/<name>.cjs; a subfolder's "/" becomes
// "."), and each of its $defs too (<name>.$defs.<definition>.cjs, for the
// checks that validate one value, such as a queue name given as a flag), so the connector validates at run time without loading or running ajv's
// compiler: the largest part of a command's start-up otherwise. Compiling runs
// the x-* keyword checks (core/schemaKeywords.ts) here, in the build.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import standaloneCode from "ajv/dist/standalone/index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { readAllSchemaFiles } = await import(path.join(root, "dist/core/schemaCheck.js"));
const { createAjv } = await import(path.join(root, "dist/core/schemaCompiler.js"));

const schemas = readAllSchemaFiles(root);
const ajv = createAjv({ standalone: true });
for (const [key, schema] of schemas) ajv.addSchema(schema, key);

const out = path.join(root, "dist/core/validators");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const key of schemas.keys()) {
  const name = key.replace(/\.json$/, "").replaceAll("/", ".");
  writeFileSync(path.join(out, `${name}.cjs`), standaloneCode.default(ajv, ajv.getSchema(key)));
  for (const definition of Object.keys(schemas.get(key).$defs ?? {})) {
    const validate = ajv.getSchema(`${key}#/$defs/${definition}`);
    writeFileSync(path.join(out, `${name}.$defs.${definition}.cjs`), standaloneCode.default(ajv, validate));
  }
}
