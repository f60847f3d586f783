import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { packageRoot } from "../../core/manifest.js";
import { COMMANDS } from "../../host/commands/commandTable.js";
import { CLI, ndjson, runCli, tempFiles } from "../support/cli.js";
import { useEmbeddedSqs } from "../support/embeddedSqs.js";

/** What a new user meets in the first hour: option mistakes, the version, the end-of-run line, `| head`. */
describe("CLI: first-hour friction (separate processes, embedded SQS)", () => {
  const env = useEmbeddedSqs();
  let file: (name: string) => string;
  let queueUrl: string;

  before(async () => {
    queueUrl = (await env.queue("friction")).url;
    file = tempFiles({
      "connection.json": env.connectionConfig(),
      "many.ndjson": ndjson(Array.from({ length: 300 }, (_, i) => ({ body: `reading ${i}` }))),
    });
  });

  it("names the option that was probably meant for an unknown one (--queue -> --queue-name)", async () => {
    const run = await runCli(["send", "--connection", file("connection.json"), "--queue", "orders"]);
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /unknown option --queue: did you mean --queue-name, --queue-url or --queue-owner\? Run `sqs-connector send --help`/,
    );
    assert.doesNotMatch(run.stderr, /Unknown option '/, "not Node's raw parseArgs text");
  });

  it("says where an option before the command and --version after one belong", async () => {
    const before = await runCli(["--verbose", "send", "--connection", file("connection.json")]);
    assert.equal(before.code, 2);
    assert.match(
      before.stderr,
      /--verbose is not a command; a command's options follow its name \(sqs-connector <command> --verbose \.\.\.\)/,
    );
    const after = await runCli(["send", "--version"]);
    assert.equal(after.code, 2);
    assert.match(after.stderr, /--version is not an option of send: `sqs-connector --version` prints the version/);
  });

  it("names the command that was probably meant for an unknown one", async () => {
    const run = await runCli(["sned"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /unknown command "sned"\. Did you mean "send"\?/);
  });

  it("--queue-name overrides a config file that names another queue by URL (the help says the options override the file)", async () => {
    const target = await env.queue("friction-override");
    const other = tempFiles({ "send.json": { queueUrl: queueUrl.replace(/friction$/, "not-this-queue") } });
    const run = await runCli(
      ["send", "--connection", file("connection.json"), "--config", other("send.json"), "--queue-name", target.name],
      {
        stdin: '{"body": "overridden"}\n',
      },
    );
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const received = await runCli(["receive", "--connection", file("connection.json"), "--queue-name", target.name, "--max-messages", "1"]);
    assert.match(received.stdout, /"body":"overridden"/);
  });

  it("prints its version from package.json with --version", async () => {
    const { version } = JSON.parse(readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as { version: string };
    const run = await runCli(["--version"]);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, `sqs-connector ${version}\n`);
  });

  it("lists the exit codes in every command's help", async () => {
    for (const { name } of COMMANDS) {
      const run = await runCli([name, "--help"]);
      assert.match(run.stdout, /\nExit codes: 0 /, name);
    }
  });

  it("ends send, receive and delete with one summary line on stderr, also when nothing was received", async () => {
    const connection = ["--connection", file("connection.json"), "--queue-url", queueUrl];
    const sent = await runCli(["send", ...connection], { stdin: ndjson([{ body: "a" }, { body: "b" }, { body: "" }]) });
    assert.equal(sent.code, 3);
    assert.match(sent.stderr, /^sqs-connector info: send: 2 succeeded, 1 failed in \d+\.\d\d s$/m);
    const received = await runCli(["receive", ...connection, "--max-messages", "10"]);
    assert.match(received.stderr, /^sqs-connector info: receive: 2 succeeded, 0 failed in \d+\.\d\d s$/m);
    const deleted = await runCli(["delete", ...connection], { stdin: received.stdout });
    assert.match(deleted.stderr, /^sqs-connector info: delete: 2 succeeded, 0 failed in \d+\.\d\d s$/m);
    const nothing = await runCli(["receive", ...connection]);
    assert.equal(nothing.code, 0);
    assert.match(nothing.stderr, /^sqs-connector info: receive: 0 succeeded, 0 failed in \d+\.\d\d s$/m);
  });

  it("writes a trickle's results as they come: each document on a stdin left open gets its line before the next is written", async () => {
    for (const [results, documents] of [
      ["all", [{ body: "one" }, { body: "two" }]],
      ["errors", [{ body: "" }, { body: "" }]],
    ] as const) {
      const child = spawn(
        process.execPath,
        [CLI, "send", "--connection", file("connection.json"), "--queue-url", queueUrl, "--results", results],
        {
          stdio: ["pipe", "pipe", "pipe"],
        },
      );
      let stdout = "";
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      const lines = (count: number) =>
        new Promise<void>((resolve, reject) => {
          const check = (): void => {
            if (stdout.split("\n").length > count) resolve();
          };
          child.stdout.on("data", check);
          child.on("close", () => reject(new Error(`ended with ${stdout.split("\n").length - 1} lines: ${stderr}`)));
          check();
        });
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
      for (const [i, document] of documents.entries()) {
        child.stdin.write(ndjson([document]));
        // Nothing more is written until this document's result has arrived (the mocha timeout bounds the wait).
        await lines(i + 1);
      }
      child.stdin.end();
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
      assert.equal(code, results === "all" ? 0 : 3, stderr);
      assert.equal(stdout.split("\n").length - 1, 2);
    }
  });

  it("stops quietly when its reader goes away (send ... | head -2): no stack trace, status 141 as SIGPIPE gives", async () => {
    const child = spawn(
      process.execPath,
      [CLI, "send", "--connection", file("connection.json"), "--queue-url", queueUrl, "--input", file("many.ndjson")],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    let lines = 0;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      lines += chunk.split("\n").length - 1;
      // What `head -2` does: read two lines, then close the pipe.
      if (lines >= 2) child.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.equal(code, 141, stderr);
    assert.doesNotMatch(stderr, /EPIPE|Error|at .*\.js:\d+/);
  });
});
