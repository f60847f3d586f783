// Compiles every schema under schemas/ with the connector's x-* keywords
// (dist/core/schemaKeywords.js): an unknown error code, an undeclared group or a
// visibility rule on a missing field fails the build here, not at run time.
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { readAllSchemaFiles, schemaProblems } = await import(path.join(root, "dist/core/schemaCheck.js"));

const schemas = readAllSchemaFiles(root);
const problems = schemaProblems(schemas);
if (problems.length > 0) {
  process.stderr.write(`Schemas that do not compile:\n${problems.map((problem) => `  ${problem}`).join("\n")}\n`);
  process.exit(1);
}
