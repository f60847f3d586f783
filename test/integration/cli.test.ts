import assert from "node:assert/strict";
import { SendMessageBatchCommand } from "@aws-sdk/client-sqs";
import { readManifest } from "../../core/manifest.js";
import { COMMANDS } from "../../host/commands/commandTable.js";
import { ndjson, parseNdjson, pipeCli, runCli, tempFiles } from "../support/cli.js";
import { EMBEDDED_CREDENTIALS } from "../../host/embeddedSqs.js";
import { useEmbeddedSqs } from "../support/embeddedSqs.js";

describe("CLI (separate processes, embedded SQS)", () => {
  const env = useEmbeddedSqs();
  let file: (name: string) => string;
  let queueUrl: string;
  let fifoName: string;

  before(async () => {
    queueUrl = (await env.queue("cli")).url;
    fifoName = (await env.queue("cli.fifo")).name;
    file = tempFiles({
      "connection.json": env.connectionConfig(),
      "bad-connection.json": env.connectionConfig({ durationSeconds: 10 }),
      "broken.json": '{"authType": "accessKeys", "secretAccessKey": "s3cr3t-in-broken-json',
      "fifo.json": { queueName: fifoName, messageGroupIdPointer: "/device", deduplication: "unique" },
      "receive.json": { queueUrl, maxMessages: 100, waitTimeSeconds: 0 },
      "receive-json.json": { bodyEncoding: "json", maxMessages: 10, waitTimeSeconds: 0 },
      "results-process.json": {
        connection: { authType: "accessKeys", ...EMBEDDED_CREDENTIALS, endpoint: "embedded" },
        queues: [{ name: "results" }],
        steps: [{ operation: "send", config: { queueName: "results" }, input: [{ body: "a" }, { body: "" }, { body: "c" }] }],
      },
    });
  });

  it("runs the demo (what npm start runs): everything sent arrives exactly once, in order", async () => {
    const run = await runCli(["demo", "--records", "120"]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /sent {7}132 readings from 6 devices \(12 are gateway repeats\)/);
    assert.match(run.stdout, /received {3}120 messages, deleted 120, 0 left on the queue/);
    assert.match(run.stdout, /Everything sent arrived exactly once, in order/);
  });

  it("has --help for every command", async () => {
    for (const { name: command } of COMMANDS) {
      const run = await runCli([command, "--help"]);
      assert.equal(run.code, 0, command);
      assert.match(run.stdout, new RegExp(`sqs-connector ${command}`), command);
      assert.match(run.stdout, /-v, --verbose +log debug lines to stderr/, `${command} --help lists --verbose`);
    }
    const general = await runCli(["--help"]);
    assert.equal(general.code, 0);
    for (const op of readManifest().operations) assert.match(general.stdout, new RegExp(`\\b${op.id}\\b`));
  });

  const usageErrors: Array<[string, string[], RegExp]> = [
    ["an unknown command", ["frobnicate"], /unknown command "frobnicate"/],
    ["an unknown flag", ["send", "--connection", "x.json", "--colour"], /unknown option --colour\. Run `sqs-connector send --help`/],
    ["a missing connection file", ["send", "--connection", "/nonexistent/c.json"], /Cannot read the connection file .*does not exist/],
    ["a connection file that is not JSON", ["test-connection", "--connection", "@broken.json"], /not valid JSON \(line 1, column \d+\)/],
    [
      "a connection that breaks the schema",
      ["test-connection", "--connection", "@bad-connection.json"],
      /CONFIG_INVALID: Connection: durationSeconds must be >= 900/,
    ],
    [
      "a missing input file",
      ["send", "--connection", "@connection.json", "--queue-url", "@queue", "--input", "/nonexistent/in.ndjson"],
      /Cannot read the input file/,
    ],
    ["no --connection", ["browse"], /--connection FILE is required/],
    ...["send", "receive", "delete", "changeVisibility", "putRecords", "run process.json"].map((command): [string, string[], RegExp] => [
      `an unknown --results choice (${command})`,
      [...command.split(" "), "--connection", "@connection.json", "--results", "some"],
      /--results must be all or errors, not "some"/,
    ]),
  ];
  for (const [what, args, message] of usageErrors) {
    it(`exits 2 for ${what}`, async () => {
      const run = await runCli(args.map((a) => (a === "@queue" ? queueUrl : a.startsWith("@") ? file(a.slice(1)) : a)));
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, message);
      assert.doesNotMatch(run.stderr, /s3cr3t|at .*\.js:\d+/, "no secrets and no stack traces");
    });
  }

  it("exits 0 when every document succeeds and 3 when some fail, one result line per input line", async () => {
    const good = await runCli(["send", "--connection", file("connection.json"), "--queue-url", queueUrl], {
      stdin: ndjson([{ body: "a" }, { body: { n: 1 } }]),
    });
    assert.equal(good.code, 0, good.stderr);
    assert.deepEqual(
      parseNdjson(good.stdout).map((r) => r["status"]),
      ["success", "success"],
    );

    const input = ndjson([{ body: "fine" }, { body: "" }]) + "{not json\n" + ndjson([{ body: "also fine" }]);
    const mixed = await runCli(["send", "--connection", file("connection.json"), "--queue-url", queueUrl], { stdin: input });
    assert.equal(mixed.code, 3, mixed.stderr);
    const results = parseNdjson(mixed.stdout);
    assert.deepEqual(
      results.map((r) => [r["index"], r["status"], (r["error"] as { code?: string } | undefined)?.code]),
      [
        [0, "success", undefined],
        [1, "error", "MESSAGE_BODY_EMPTY"],
        [2, "error", "DOCUMENT_INVALID"],
        [3, "success", undefined],
      ],
    );
  });

  it("with --results errors writes only the error results (in input order), and still exits 3 when some failed", async () => {
    const input = ndjson([{ body: "fine" }, { body: "" }, { body: "fine too" }]) + "{not json\n";
    const run = await runCli(["send", "--connection", file("connection.json"), "--queue-url", queueUrl, "--results", "errors"], {
      stdin: input,
    });
    assert.equal(run.code, 3, run.stderr);
    assert.deepEqual(
      parseNdjson(run.stdout).map((r) => [r["index"], r["status"], (r["error"] as { code?: string }).code]),
      [
        [1, "error", "MESSAGE_BODY_EMPTY"],
        [3, "error", "DOCUMENT_INVALID"],
      ],
    );
    assert.match(run.stderr, /send: 2 succeeded, 2 failed/, "the summary still counts every document");
    const clean = await runCli(["send", "--connection", file("connection.json"), "--queue-url", queueUrl, "--results", "errors"], {
      stdin: ndjson([{ body: "a" }, { body: "b" }]),
    });
    assert.deepEqual([clean.code, clean.stdout], [0, ""]);
  });

  it("with --results errors, receive and run write only the error results too; the summaries count all", async () => {
    const queue = await env.queue("results-cli");
    await env.admin.send(
      new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: ["1", "not json", "3"].map((b, i) => ({ Id: `${i}`, MessageBody: b })) }),
    );
    const received = await runCli([
      "receive",
      "--connection",
      file("connection.json"),
      "--config",
      file("receive-json.json"),
      "--queue-url",
      queue.url,
      "--results",
      "errors",
    ]);
    // bodyEncoding json: the body "not json" is the one error.
    assert.equal(received.code, 3, received.stderr);
    assert.deepEqual(
      parseNdjson(received.stdout).map((r) => [r["status"], (r["error"] as { code?: string }).code]),
      [["error", "BODY_DECODE_FAILED"]],
    );
    assert.match(received.stderr, /receive: 2 succeeded, 1 failed/);
    const ran = await runCli(["run", file("results-process.json"), "--results", "errors"]);
    assert.equal(ran.code, 3, ran.stderr);
    assert.deepEqual(
      parseNdjson(ran.stdout).map((r) => [r["index"], (r["error"] as { code?: string }).code]),
      [[1, "MESSAGE_BODY_EMPTY"]],
    );
  });

  it("exits 1 when the operation as a whole fails (queue missing)", async () => {
    const run = await runCli(["send", "--connection", file("connection.json"), "--queue-name", "not-there"], {
      stdin: ndjson([{ body: "x" }]),
    });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /QUEUE_NOT_FOUND/);
  });

  it("pipes receive into delete: the queue ends empty", async () => {
    const seeded = await runCli(["send", "--connection", file("connection.json"), "--queue-url", queueUrl], {
      stdin: ndjson(Array.from({ length: 23 }, (_, i) => ({ body: `reading ${i}` }))),
    });
    assert.equal(seeded.code, 0, seeded.stderr);
    const before = await env.depth(queueUrl);
    const { first, second } = await pipeCli(
      ["receive", "--connection", file("connection.json"), "--config", file("receive.json")],
      ["delete", "--connection", file("connection.json")],
    );
    assert.equal(first.code, 0, first.stderr);
    assert.equal(second.code, 0, second.stderr);
    const deleted = parseNdjson(second.stdout);
    assert.equal(deleted.length, before);
    assert.ok(deleted.every((r) => r["status"] === "success"));
    assert.equal(await env.depth(queueUrl), 0);
  });

  it("sends to a FIFO queue grouped by a body field", async () => {
    const docs = Array.from({ length: 30 }, (_, i) => ({ body: { device: `d${i % 3}`, i } }));
    const run = await runCli(["send", "--connection", file("connection.json"), "--config", file("fifo.json")], { stdin: ndjson(docs) });
    assert.equal(run.code, 0, run.stderr);
    const results = parseNdjson(run.stdout);
    assert.equal(results.length, 30);
    assert.ok(results.every((r) => typeof (r["document"] as { sequenceNumber?: string }).sequenceNumber === "string"));
  });

  it("test-connection prints a report and exits 0; a missing queue fails the sqs step with exit 1", async () => {
    const ok = await runCli(["test-connection", "--connection", file("connection.json"), "--queue-url", queueUrl]);
    assert.equal(ok.code, 0, ok.stderr);
    const report = JSON.parse(ok.stdout) as { ok: boolean; checks: Array<{ name: string; status: string }> };
    assert.equal(report.ok, true);
    assert.deepEqual(
      report.checks.map((c) => [c.name, c.status]),
      [
        ["Credentials", "passed"],
        ["GetQueueAttributes", "passed"],
      ],
    );
    const missing = await runCli(["test-connection", "--connection", file("connection.json"), "--queue-name", "nope"]);
    assert.equal(missing.code, 1);
    const failed = JSON.parse(missing.stdout) as { ok: boolean; failedStep: string; code: string };
    assert.deepEqual([failed.ok, failed.failedStep, failed.code], [false, "sqs", "QUEUE_NOT_FOUND"]);
  });

  it("browse lists queues with their FIFO flag", async () => {
    const run = await runCli(["browse", "--connection", file("connection.json"), "--prefix", "cli"]);
    assert.equal(run.code, 0, run.stderr);
    const page = JSON.parse(run.stdout) as { queues: Array<{ name: string; fifo: boolean }> };
    assert.deepEqual(
      page.queues.map((q) => [q.name.endsWith(".fifo"), q.fifo]),
      [
        [false, false],
        [true, true],
      ],
    );
  });
});
