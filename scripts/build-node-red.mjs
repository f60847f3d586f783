// Writes the Node-RED editor file (dist/node-red/amazon-sqs.html) beside the
// compiled node entry, from manifest.json and schemas/. Runs after tsc in
// `npm run build`; dist/ is not committed, so the file is never stale.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { readManifest, readSchemas } = await import(path.join(root, "dist/core/manifest.js"));
const { withNodeRedSchemas } = await import(path.join(root, "dist/node-red/nodeTypes.js"));
const { editorHtml } = await import(path.join(root, "dist/node-red/editor/editorHtml.js"));

const source = withNodeRedSchemas({ manifest: readManifest(root), schemas: readSchemas(root) }, root);
await writeFile(path.join(root, "dist/node-red/amazon-sqs.html"), editorHtml(source, path.join(root, "node-red/editor/browser")));
