import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { packageRoot } from "../../core/manifest.js";
import { startNodeRed } from "../support/nodeRed/nodeRedProcess.js";

const run = promisify(execFile);

/** The README's Node-RED install block, one command per line, comments dropped. */
function installCommands(): string[] {
  const readme = readFileSync(path.join(packageRoot(), "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Node-RED"));
  const block = /### Install\s+```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  return block
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line !== "");
}

/**
 * The README's Node-RED install steps, on a machine where Node-RED never ran:
 * an empty home directory, from the package folder. (Cloning, `npm ci` and
 * fetching Node-RED are what this repository's own set-up already did.)
 */
describe("the README's Node-RED install, in an empty home directory", function () {
  this.timeout(180_000);
  const home = mkdtempSync(path.join(tmpdir(), "fresh-home-"));
  after(() => rmSync(home, { recursive: true, force: true }));

  it("links the package into a new ~/.node-red, and Node-RED started on it loads the Amazon SQS nodes", async () => {
    const commands = installCommands();
    assert.match(commands[0] ?? "", /^git clone .* && cd sqs-connector$/);
    assert.equal(commands[1], "npm ci");
    const link = commands[2] ?? "";
    assert.match(link, /^npm install --prefix ~\/\.node-red /);
    await run("sh", ["-c", link], { cwd: packageRoot(), env: { ...process.env, HOME: home } });
    const userDir = path.join(home, ".node-red");
    assert.equal(realpathSync(path.join(userDir, "node_modules", "sqs-connector")), realpathSync(packageRoot()));
    assert.match(commands[3] ?? "", /node-red@4\.1 --userDir ~\/\.node-red$/);

    const nodeRed = await startNodeRed({ userDir });
    try {
      const nodes = (await (await fetch(new URL("nodes", nodeRed.url), { headers: { accept: "application/json" } })).json()) as Array<{
        id: string;
        types: string[];
        err?: string;
      }>;
      const set = nodes.find((n) => n.id === "sqs-connector/amazon-sqs");
      assert.ok(set !== undefined && set.err === undefined, nodeRed.output());
      assert.ok(set.types.includes("amazon-sqs-send"));
    } finally {
      await nodeRed.stop();
    }
  });
});
