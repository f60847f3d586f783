import assert from "node:assert/strict";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { packageRoot } from "../../core/manifest.js";
import { KEYS } from "../support/sqsNock.js";
import { runCli, tempFiles, type CliRun } from "../support/cli.js";

/*
 * Operations, auth types, the listener, the connection test, browse and listen's
 * handler runners load on first use. A module that cannot load (a broken
 * install) must end the command with a coded error, releasing what it started,
 * and never as an unhandled rejection. Each case runs in a process of its own
 * whose resolve hook makes one module fail (test/support/failingModule.ts).
 */
const HOOK = pathToFileURL(path.join(packageRoot(), "dist", "test", "support", "failingModule.js")).href;
const LIVENESS_BOUND_MS = 15_000;

function failing(module: string): { env: Record<string, string>; killAfterMs: number } {
  return { env: { NODE_OPTIONS: `--import=${HOOK}`, FAIL_MODULE: module }, killAfterMs: LIVENESS_BOUND_MS };
}

function assertCodedFailure(run: CliRun, module: string): void {
  assert.ok(!run.killed, `still running after ${LIVENESS_BOUND_MS} ms: ${run.stderr}`);
  assert.doesNotMatch(run.stderr, /UNHANDLED REJECTION/);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, new RegExp(`sqs-connector: [A-Z_]+: .*Cannot load ${module.replaceAll(".", "\\.")}`), run.stderr);
}

describe("a module loaded on first use that cannot load", function () {
  this.timeout(4 * LIVENESS_BOUND_MS);
  let file: (name: string) => string;

  before(() => {
    file = tempFiles({
      "embedded.json": { authType: "accessKeys", ...KEYS, endpoint: "embedded" },
      "default-chain.json": { authType: "defaultChain", endpoint: "embedded" },
      "stop-while-loading.mjs": `
        const { connect } = await import(${JSON.stringify(pathToFileURL(path.join(packageRoot(), "dist", "connector", "connection.js")).href)});
        const connection = connect(${JSON.stringify({ authType: "accessKeys", ...KEYS, region: "eu-central-1", endpoint: "http://127.0.0.1:9" })});
        const listener = connection.listen({ queueUrl: "http://127.0.0.1:9/123456789012/q" }, async () => {});
        const outcome = await listener.stop({ drainSeconds: 0 }).then(() => "resolved", (error) => error.code + ": " + error.message);
        connection.close();
        await new Promise((resolve) => setTimeout(resolve, 100));
        process.stdout.write(outcome);
      `,
    });
  });

  const cases: Array<[string, string[]]> = [
    ["operations/send/sendOperation.js", ["send", "--queue-name", "q"]],
    ["operations/receive/receiveOperation.js", ["receive", "--queue-name", "q"]],
    ["operations/delete/deleteOperation.js", ["delete", "--queue-name", "q"]],
    ["operations/changeVisibility/changeVisibilityOperation.js", ["changeVisibility", "--queue-name", "q"]],
    ["connector/testConnection.js", ["test-connection"]],
    ["operations/browse.js", ["browse"]],
    ["operations/listen/listener.js", ["listen", "--queue-name", "q", "--idle-exit", "1", "--", "true"]],
  ];
  for (const [module, args] of cases) {
    it(`${args[0]}: ${module} ends the command with a coded error (exit 1)`, async () => {
      const [command, ...rest] = args;
      const run = await runCli([command!, "--connection", file("embedded.json"), ...rest], {
        stdin: '{"body": "x"}\n',
        ...failing(module),
      });
      assertCodedFailure(run, module);
    });
  }

  it("credentials: the default chain's module ends the command with a coded error (exit 1)", async () => {
    const run = await runCli(["credentials", "--connection", file("default-chain.json")], failing("auth/defaultChain.js"));
    assertCodedFailure(run, "auth/defaultChain.js");
  });

  it("listen: its handler runner's module ends the command, with the embedded SQS released (exit 1)", async () => {
    const run = await runCli(
      ["listen", "--connection", file("embedded.json"), "--queue-name", "q", "--idle-exit", "1", "--", "true"],
      failing("host/listen/messageCommand.js"),
    );
    assert.ok(!run.killed, `still running after ${LIVENESS_BOUND_MS} ms: ${run.stderr}`);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /Cannot load host\/listen\/messageCommand\.js/);
  });

  it("a listener stopped while its module fails to load: the summary rejects with a coded error, nothing is left unhandled", async () => {
    // In-process, as Node-RED uses it: stop() right after listen(), before the listener's module has loaded.
    const run = await runCli([], { ...failing("operations/listen/listener.js"), cli: file("stop-while-loading.mjs") });
    assert.doesNotMatch(run.stderr, /UNHANDLED REJECTION/);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^[A-Z_]+: .*Cannot load operations\/listen\/listener\.js/);
  });
});
