import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { createRequire } from "node:module";
import { packageRoot } from "../../core/manifest.js";

const require = createRequire(import.meta.url);

/** Runs the browser test file alone, as `npm test` would on a machine whose Chromium is at `chromium`. */
function runBrowserTest(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const root = packageRoot();
  const mocha = require.resolve("mocha/bin/mocha.js");
  const args = [mocha, "--no-config", "--require", "dist/test/support/setup.js", "dist/test/nodeRed/editorInBrowser.test.js"];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("the browser test on a machine without Chromium", function () {
  this.timeout(60_000);
  const missing = { CHROMIUM_PATH: path.join(packageRoot(), "no-such-chromium"), REQUIRE_BROWSER_TEST: "" };

  it("reports itself as skipped, loudly, with the command that installs Chromium, and passes", async () => {
    const run = await runBrowserTest(missing);
    assert.equal(run.code, 0, run.output);
    assert.match(
      run.output,
      /\*\*\* SKIPPED: the Node-RED editor test needs Chromium at .*no-such-chromium; install it with: sudo apt-get install -y chromium/,
    );
    assert.match(run.output, /0 passing[\s\S]*3 pending/);
  });

  it("fails instead where the browser test must run (REQUIRE_BROWSER_TEST=1, as .ci/run sets)", async () => {
    const run = await runBrowserTest({ ...missing, REQUIRE_BROWSER_TEST: "1" });
    assert.notEqual(run.code, 0);
    assert.match(run.output, /REQUIRE_BROWSER_TEST=1, but the Node-RED editor test needs Chromium/);
  });
});
