import assert from "node:assert/strict";
import { parseNdjson, runCli, tempFiles } from "../support/cli.js";
import { useEmbeddedSqs } from "../support/embeddedSqs.js";

describe("bad input: CLI arguments, files and NDJSON", function () {
  this.timeout(60_000);
  const env = useEmbeddedSqs();
  let file: (name: string) => string;
  let queueUrl: string;

  before(async () => {
    queueUrl = (await env.queue("cli-bad")).url;
    file = tempFiles({
      "connection.json": env.connectionConfig(),
      "extra-field.json": { queueUrl, batchSize: 10 },
      "not-object.json": "[1, 2, 3]",
      "bad-line.ndjson": '{"body":"a"}\n{"body": oops}\n{"body":"c"}\n',
      "send.process.json": { steps: [{ operation: "send", config: { queueUrl } }] },
      "send-receive.process.json": {
        steps: [
          { operation: "send", config: { queueUrl } },
          { operation: "receive", config: { queueUrl, waitTimeSeconds: 0, maxMessages: 10 } },
        ],
      },
    });
  });

  describe("run --input with a line that is not JSON agrees with send: the line fails alone, exit 3", () => {
    it("as the only step: the line's error result is on stdout in its place", async () => {
      const run = await runCli([
        "run",
        file("send.process.json"),
        "--connection",
        file("connection.json"),
        "--input",
        file("bad-line.ndjson"),
      ]);
      const send = await runCli([
        "send",
        "--connection",
        file("connection.json"),
        "--queue-url",
        queueUrl,
        "--input",
        file("bad-line.ndjson"),
      ]);
      assert.equal(run.code, 3, run.stderr);
      assert.equal(send.code, 3, send.stderr);
      const shape = (text: string) =>
        parseNdjson(text).map((r) => [r["index"], r["status"], (r["error"] as { code?: string } | undefined)?.code]);
      assert.deepEqual(shape(run.stdout), shape(send.stdout));
      assert.deepEqual(shape(run.stdout), [
        [0, "success", undefined],
        [1, "error", "DOCUMENT_INVALID"],
        [2, "success", undefined],
      ]);
    });

    it("before another step: the line is reported as the first step's error result on stderr", async () => {
      const run = await runCli([
        "run",
        file("send-receive.process.json"),
        "--connection",
        file("connection.json"),
        "--input",
        file("bad-line.ndjson"),
      ]);
      assert.equal(run.code, 3, run.stderr);
      const earlier = run.stderr
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as { step: string; index: number; error: { code: string; message: string } });
      assert.deepEqual(
        earlier.map((r) => [r.step, r.index, r.error.code]),
        [["1:send", 1, "DOCUMENT_INVALID"]],
      );
      assert.match(earlier[0]!.error.message, /Line 2 is not valid JSON/);
      assert.match(run.stderr, /step 1:send: 2 succeeded, 1 failed/);
    });
  });

  const inputCases: Array<{ what: string; stdin: () => string; bad: number; code: string; names: RegExp }> = [
    {
      what: "a malformed NDJSON line",
      stdin: () => '{"body":"a"}\n{"body": "b",,}\n{"body":"c"}\n',
      bad: 1,
      code: "DOCUMENT_INVALID",
      names: /Line 2 is not valid JSON \(column 14\)/,
    },
    {
      what: "a 10 MiB line",
      stdin: () => `{"body":"a"}\n{"body":"${"x".repeat(10 * 1024 * 1024)}"}\n{"body":"c"}\n`,
      bad: 1,
      code: "DOCUMENT_INVALID",
      names: /Line 2 is 10485\d+ bytes; lines are limited to 4194304 bytes/,
    },
    {
      what: "a body nested 5,000 levels (once a run that never ended)",
      stdin: () => `{"body":"a"}\n{"body":${"[".repeat(5000)}${"]".repeat(5000)}}\n{"body":"c"}\n`,
      bad: 1,
      code: "BODY_TOO_DEEP",
      names: /body is nested more than 512 levels deep/,
    },
    {
      what: "a JSON line that is not a document",
      stdin: () => '{"body":"a"}\n[1,2]\n{"body":"c"}\n',
      bad: 1,
      code: "DOCUMENT_INVALID",
      names: /must be of type object/,
    },
    {
      what: "an error result piped in from an earlier step",
      stdin: () => '{"body":"a"}\n{"index":0,"status":"error","error":{"code":"THROTTLED"}}\n{"body":"c"}\n',
      bad: 1,
      code: "DOCUMENT_INVALID",
      names: /error result \(THROTTLED\) from an earlier step/,
    },
  ];
  for (const c of inputCases) {
    it(`gives ${c.what} its own error result; the lines around it are sent (exit 3)`, async () => {
      const run = await runCli(["send", "--connection", file("connection.json"), "--queue-url", queueUrl], { stdin: c.stdin() });
      assert.equal(run.code, 3, run.stderr);
      const results = parseNdjson(run.stdout);
      assert.deepEqual(
        results.map((r) => r["index"]),
        [0, 1, 2],
      );
      const bad = results[c.bad]!;
      assert.equal(bad["status"], "error");
      const error = bad["error"] as { code: string; message: string };
      assert.equal(error.code, c.code);
      assert.match(error.message, c.names);
      assert.deepEqual(
        results.filter((_, i) => i !== c.bad).map((r) => r["status"]),
        ["success", "success"],
      );
    });
  }

  const usageCases: Array<{ what: string; args: () => string[]; names: RegExp }> = [
    {
      what: "an unknown flag",
      args: () => ["send", "--connection", file("connection.json"), "--batch-size", "10"],
      names: /unknown option --batch-size\. Run `sqs-connector send --help` for its options/,
    },
    { what: "an unknown short flag", args: () => ["receive", "-z"], names: /unknown option -z\. Run `sqs-connector receive --help`/ },
    { what: "a flag without its value", args: () => ["send", "--connection"], names: /--connection/ },
    {
      what: "a missing connection file",
      args: () => ["send", "--connection", "/nope/connection.json"],
      names: /Cannot read the connection file \/nope\/connection\.json: it does not exist/,
    },
    {
      what: "a missing config file",
      args: () => ["send", "--connection", file("connection.json"), "--config", "/nope/send.json"],
      names: /Cannot read the config file \/nope\/send\.json/,
    },
    {
      what: "a missing input file",
      args: () => ["send", "--connection", file("connection.json"), "--queue-url", queueUrl, "--input", "/nope/in.ndjson"],
      names: /Cannot read the input file \/nope\/in\.ndjson/,
    },
    {
      what: "a config file with an unknown field",
      args: () => ["send", "--connection", file("connection.json"), "--config", file("extra-field.json")],
      names: /batchSize is not a known field/,
    },
    {
      what: "a config file that is not an object",
      args: () => ["receive", "--connection", file("connection.json"), "--config", file("not-object.json")],
      names: /must hold a JSON object/,
    },
    {
      what: "a non-numeric --max-messages",
      args: () => ["receive", "--connection", file("connection.json"), "--queue-url", queueUrl, "--max-messages", "ten"],
      names: /--max-messages must be a whole number/,
    },
    {
      what: "an extra argument",
      args: () => ["browse", "--connection", file("connection.json"), "queues"],
      names: /unexpected argument "queues"/,
    },
    { what: "a missing process file", args: () => ["run", "/nope/process.json"], names: /Cannot read the process file/ },
  ];
  for (const c of usageCases) {
    it(`exits 2 for ${c.what}, saying what is wrong`, async () => {
      const run = await runCli(c.args());
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, c.names);
      assert.equal(run.stdout.trim() === "" || run.stdout.startsWith("Usage") || run.stdout.includes("sqs-connector"), true);
      assert.doesNotMatch(run.stderr, /^\s+at /m, "no stack trace");
    });
  }
});
