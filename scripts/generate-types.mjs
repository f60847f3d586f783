// Generates TypeScript types from schemas/*.json into core/generated/.
// `--check` fails (exit 1) when the committed types differ from what the schemas give.
import { compile } from "json-schema-to-typescript";
import { readdir, readFile, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const schemaDir = path.join(root, "schemas");
const outDir = path.join(root, "core", "generated");
const check = process.argv.includes("--check");

// Conditional rules (if/then/else, "one of these is required") constrain values but not
// shapes; json-schema-to-typescript would turn them into loose intersections, so the
// types are generated from the schemas with those rules removed.
function shapeOnly(node) {
  if (Array.isArray(node)) return node.map(shapeOnly);
  if (node === null || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "if" || key === "then" || key === "else") continue;
    out[key] = shapeOnly(value);
  }
  for (const key of ["allOf", "anyOf"]) {
    if (!Array.isArray(out[key])) continue;
    const kept = out[key].filter((member) => Object.keys(member).some((k) => k !== "required" && !k.startsWith("x-")));
    if (kept.length === 0) delete out[key];
    else out[key] = kept;
  }
  return out;
}

const readShape = async (file) => shapeOnly(JSON.parse(await readFile(file, "utf8")));
const refOptions = {
  resolve: {
    file: {
      order: 1,
      canRead: /\.json$/,
      read: async (file) => JSON.stringify(await readShape(fileURLToPath(new URL(file.url, "file://")))),
    },
  },
};

const banner = "/* Generated from schemas/ by `npm run generate`; do not edit. */";
const files = (await readdir(schemaDir)).filter((f) => f.endsWith(".json") && f !== "common.json").sort();
const stale = [];
await mkdir(outDir, { recursive: true });
for (const file of files) {
  const schema = await readShape(path.join(schemaDir, file));
  const ts = await compile(schema, file.replace(/\.json$/, ""), {
    cwd: schemaDir,
    $refOptions: refOptions,
    bannerComment: banner,
    additionalProperties: false,
    strictIndexSignatures: true,
    unknownAny: true,
    format: true,
    style: { singleQuote: false, printWidth: 110 },
  });
  const target = path.join(outDir, file.replace(/\.json$/, ".ts"));
  const current = await readFile(target, "utf8").catch(() => undefined);
  if (current === ts) continue;
  if (check) stale.push(path.relative(root, target));
  else await writeFile(target, ts);
}
if (stale.length > 0) {
  console.error(`Generated types are stale: ${stale.join(", ")}. Run \`npm run generate\` and commit the result.`);
  process.exit(1);
}
