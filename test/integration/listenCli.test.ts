import assert from "node:assert/strict";
import { parseNdjson, runCli, tempFiles } from "../support/cli.js";
import { useEmbeddedSqs } from "../support/embeddedSqs.js";
import { HANDLER_SCRIPT, startCli, WORKER_SCRIPT } from "../support/listenCli.js";
import { drainMessages, eventually, receiveSome, seed } from "../support/listening.js";

/** `sqs-connector listen` and `changeVisibility` as separate processes, against the test's embedded SQS. */
describe("CLI: listen and changeVisibility (child processes, embedded SQS)", function () {
  this.timeout(40_000);
  const env = useEmbeddedSqs();
  let file: (name: string) => string;
  before(() => {
    file = tempFiles({ "conn.json": env.connectionConfig(), "handler.mjs": HANDLER_SCRIPT, "worker.mjs": WORKER_SCRIPT });
  });

  const config = (name: string, values: Record<string, unknown>) => tempFiles({ [name]: values })(name);
  const listenArgs = (configFile: string, ...rest: string[]) => [
    "listen",
    "--connection",
    file("conn.json"),
    "--config",
    configFile,
    ...rest,
  ];
  const handlerLines = (stderr: string) =>
    stderr
      .split("\n")
      .filter((line) => line.startsWith("HANDLER "))
      .map((line) => JSON.parse(line.slice("HANDLER ".length)) as { body: string; env: Record<string, string> });

  it("runs COMMAND per message with the body on stdin and the message in its environment; one result per settlement; exit 0", async () => {
    const queue = await env.queue("cli-listen.fifo");
    const ids = await seed(env, queue.url, [
      { body: "first", groupId: "device-1", attributes: { unit: { DataType: "String", StringValue: "celsius" } } },
      { body: "second", groupId: "device-1" },
    ]);
    const run = await runCli(
      listenArgs(
        config("l.json", { queueUrl: queue.url, waitTimeSeconds: 1 }),
        "--max-messages",
        "2",
        "--",
        process.execPath,
        file("handler.mjs"),
        "ok",
      ),
    );
    assert.equal(run.code, 0, run.stderr);
    const results = parseNdjson(run.stdout);
    assert.deepEqual(
      results.map((r) => [
        r["index"],
        r["status"],
        (r["document"] as Record<string, unknown>)["outcome"],
        (r["document"] as Record<string, unknown>)["messageId"],
      ]),
      [
        [0, "success", "acknowledged", ids[0]],
        [1, "success", "acknowledged", ids[1]],
      ],
    );
    const [first] = handlerLines(run.stderr);
    assert.equal(first!.body, "first");
    assert.deepEqual(
      { ...first!.env, SQS_MESSAGE_ATTRIBUTES: JSON.parse(first!.env["SQS_MESSAGE_ATTRIBUTES"]!) as unknown },
      {
        SQS_MESSAGE_ID: ids[0],
        SQS_RECEIVE_COUNT: "1",
        SQS_MESSAGE_GROUP_ID: "device-1",
        SQS_QUEUE_URL: queue.url,
        SQS_MESSAGE_ATTRIBUTES: { unit: { DataType: "String", StringValue: "celsius" } },
      },
    );
    assert.equal(await env.depth(queue.url), 0);
  });

  it("fails a message on a non-zero exit (HANDLER_FAILED with the exit status); a successful retry still exits 0", async () => {
    const queue = await env.queue("cli-retry");
    await seed(env, queue.url, ["again"]);
    // A 60 s visibility timeout: a retry within this test's 40 s can only come from the 1 s backoff.
    const configFile = config("l.json", { queueUrl: queue.url, waitTimeSeconds: 1, backoffBaseSeconds: 1, visibilityTimeout: 60 });
    const run = await runCli(listenArgs(configFile, "--max-messages", "2", "--", process.execPath, file("handler.mjs"), "fail-first"));
    assert.equal(run.code, 0, run.stderr);
    const [failure, success] = parseNdjson(run.stdout);
    assert.equal((failure!["error"] as Record<string, unknown>)["code"], "HANDLER_FAILED");
    assert.match(String((failure!["error"] as Record<string, unknown>)["message"]), /exited with status 7/);
    assert.equal(((failure!["error"] as Record<string, unknown>)["details"] as Record<string, unknown>)["exitStatus"], 7);
    assert.equal(((failure!["error"] as Record<string, unknown>)["details"] as Record<string, unknown>)["visibleAgainInSeconds"], 1);
    assert.equal(success!["index"], 1);
    assert.equal((success!["document"] as Record<string, unknown>)["receiveCount"], 2);
  });

  it("keeps commands slower than three visibility timeouts from seeing their message twice, and runs at most maxInFlight at once", async () => {
    const queue = await env.queue("cli-slow");
    const ids = await seed(env, queue.url, ["a", "b", "c", "d"]);
    const trackDir = tempFiles({})("");
    const configFile = config("l.json", { queueUrl: queue.url, waitTimeSeconds: 1, maxInFlight: 2, visibilityTimeout: 2 });
    const run = await runCli(listenArgs(configFile, "--max-messages", "4", "--", process.execPath, file("handler.mjs"), "track"), {
      env: { TRACK_DIR: trackDir },
    });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      handlerLines(run.stderr)
        .map((line) => line.env["SQS_MESSAGE_ID"])
        .sort(),
      [...ids].sort(),
      "each message ran once",
    );
    const running = run.stderr
      .split("\n")
      .filter((line) => line.startsWith("RUNNING "))
      .map((line) => Number(line.slice(8)));
    assert.ok(Math.max(...running) <= 2, `${Math.max(...running)} commands ran at once`);
    assert.equal(await env.depth(queue.url), 0);
  });

  it("keeps each FIFO group's order through failures: a failed message is retried before the next of its group", async () => {
    const queue = await env.queue("cli-order.fifo");
    const bodies = ["a:0", "b:0", "a:1", "b:1", "a:2", "b:2"];
    const ids = await seed(
      env,
      queue.url,
      bodies.map((body) => ({ body, groupId: body[0]! })),
    );
    const bodyOf = new Map(ids.map((id, i) => [id, bodies[i]!]));
    const configFile = config("l.json", { queueUrl: queue.url, waitTimeSeconds: 1, maxInFlight: 4, backoffBaseSeconds: 0 });
    const run = await runCli(
      listenArgs(configFile, "--max-messages", "8", "--", process.execPath, file("handler.mjs"), "fail-second-once"),
    );
    assert.equal(run.code, 0, run.stderr);
    const acknowledged = parseNdjson(run.stdout)
      .filter((r) => r["status"] === "success")
      .map((r) => bodyOf.get((r["document"] as { messageId: string }).messageId)!);
    for (const group of ["a", "b"]) {
      assert.deepEqual(
        acknowledged.filter((body) => body.startsWith(group)),
        [`${group}:0`, `${group}:1`, `${group}:2`],
      );
    }
    const handled = handlerLines(run.stderr).map((line) => line.body);
    assert.deepEqual(
      handled.filter((body) => body.startsWith("a")),
      ["a:0", "a:1", "a:1", "a:2"],
    );
  });

  it("exits 3 when a message's last outcome was a failure or poison", async () => {
    const queue = await env.queue("cli-poison");
    const deadLetter = await env.queue("cli-poison-dlq");
    const unit = { DataType: "String", StringValue: "celsius" };
    await seed(env, queue.url, [{ body: "never works", attributes: { unit } }]);
    const configFile = config("l.json", {
      queueUrl: queue.url,
      waitTimeSeconds: 1,
      backoffBaseSeconds: 0,
      maxReceives: 1,
      deadLetterQueueUrl: deadLetter.url,
    });
    const run = await runCli(listenArgs(configFile, "--max-messages", "2", "--", process.execPath, file("handler.mjs"), "fail"));
    assert.equal(run.code, 3, run.stderr);
    assert.deepEqual(
      parseNdjson(run.stdout).map((r) => (r["error"] as Record<string, unknown>)["code"]),
      ["HANDLER_FAILED", "MESSAGE_POISONED"],
    );
    const [moved, ...more] = await drainMessages(env, deadLetter.url);
    assert.equal(more.length, 0);
    assert.equal(moved!.Body, "never works", "moved with its body");
    assert.deepEqual(moved!.MessageAttributes!["unit"], unit, "and its attributes");
  });

  it("--worker: one process gets a line per delivery (with its id) and answers ack true/false per line", async () => {
    const queue = await env.queue("cli-worker");
    await seed(env, queue.url, ["nack me once", "fine", "also fine"]);
    const configFile = config("l.json", { queueUrl: queue.url, waitTimeSeconds: 1, maxInFlight: 3 });
    const run = await runCli(listenArgs(configFile, "--worker", "--max-messages", "4", "--", process.execPath, file("worker.mjs")));
    assert.equal(run.code, 0, run.stderr);
    const results = parseNdjson(run.stdout);
    assert.deepEqual(results.map((r) => r["index"]).sort(), [0, 1, 2, 3]);
    assert.equal(results.filter((r) => r["status"] === "success").length, 3);
    const deliveries = run.stderr.split("\n").filter((line) => line.startsWith("WORKER "));
    const ids = deliveries.map((line) => (JSON.parse(line.slice("WORKER ".length)) as { id: string }).id);
    assert.equal(new Set(ids).size, 4, "every delivery has its own id, also the redelivery of the same message");
    assert.equal(await env.depth(queue.url), 0);
  });

  it("--idle-exit ends a listener on an empty queue", async () => {
    const queue = await env.queue("cli-idle");
    const run = await runCli(listenArgs(config("l.json", { queueUrl: queue.url }), "--idle-exit", "1", "--", "true"));
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, "");
  });

  it("SIGTERM stops gracefully: running commands finish, the rest is released, nothing stays invisible", async () => {
    const queue = await env.queue("cli-sigterm");
    await seed(
      env,
      queue.url,
      Array.from({ length: 8 }, (_, i) => `m${i}`),
    );
    const configFile = config("l.json", { queueUrl: queue.url, waitTimeSeconds: 1, maxInFlight: 2, visibilityTimeout: 30 });
    const cli = startCli(listenArgs(configFile, "--", process.execPath, file("handler.mjs"), "slow"));
    await cli.stderrLines(/^HANDLER /, 2);
    cli.child.kill("SIGTERM");
    assert.equal(await cli.exited, 0, cli.stderr());
    const settled = parseNdjson(cli.stdout()).length;
    assert.ok(settled >= 2);
    assert.deepEqual(await env.counts(queue.url), { visible: 8 - settled, inFlight: 0 });
  });

  it("loses nothing when the listener is killed with SIGKILL: its messages reappear after their visibility timeout", async () => {
    const queue = await env.queue("cli-sigkill");
    await seed(
      env,
      queue.url,
      Array.from({ length: 5 }, (_, i) => `m${i}`),
    );
    const configFile = config("l.json", { queueUrl: queue.url, waitTimeSeconds: 1, maxInFlight: 3, visibilityTimeout: 2 });
    const cli = startCli(listenArgs(configFile, "--", process.execPath, file("handler.mjs"), "hang"));
    await cli.stderrLines(/^HANDLER /, 3);
    cli.child.kill("SIGKILL");
    await cli.exited;
    assert.equal(await env.depth(queue.url), 5);
    // Receiving them again is what shows they came back (the emulator counts expired ones as visible only on a receive).
    const back = new Set<string>();
    await eventually(async () => {
      for (const message of await receiveSome(env, queue.url)) back.add(message.MessageId!);
      return back.size === 5;
    });
  });

  it("exits 2 for usage errors and 1 when the queue does not exist", async () => {
    const missingCommand = await runCli(listenArgs(config("l.json", { queueName: "anything" })));
    assert.equal(missingCommand.code, 2);
    assert.match(missingCommand.stderr, /needs a command/);
    const badConfig = await runCli(listenArgs(config("l.json", { queueName: "q", maxInFlight: 0 }), "--", "true"));
    assert.equal(badConfig.code, 2);
    assert.match(badConfig.stderr, /maxInFlight/);
    const processFile = tempFiles({
      "p.json": { connection: env.connectionConfig(), steps: [{ operation: "listen", config: { queueName: "q" } }] },
    })("p.json");
    const listenStep = await runCli(["run", processFile]);
    assert.equal(listenStep.code, 2);
    assert.match(listenStep.stderr, /long-running listener/);
    const noQueue = await runCli(listenArgs(config("l.json", { queueName: "no-such-queue" }), "--", "true"));
    assert.equal(noQueue.code, 1);
    assert.match(noQueue.stderr, /QUEUE_NOT_FOUND/);
  });

  it("exits 2 when COMMAND cannot be started, releasing the message", async () => {
    const queue = await env.queue("cli-nocommand");
    await seed(env, queue.url, ["x"]);
    const run = await runCli(listenArgs(config("l.json", { queueUrl: queue.url, waitTimeSeconds: 1 }), "--", "/no/such/command"));
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /Cannot run the command "\/no\/such\/command"/);
    await eventually(async () => (await env.counts(queue.url)).inFlight === 0);
  });

  it("changeVisibility releases received messages (0) or hides them longer, one result per document", async () => {
    const queue = await env.queue("cli-visibility");
    await seed(env, queue.url, ["a", "b"]);
    const received = await runCli(["receive", "--connection", file("conn.json"), "--queue-url", queue.url, "--max-messages", "2"]);
    const documents = parseNdjson(received.stdout).map((r) => r["document"] as Record<string, unknown>);
    const input = [{ ...documents[0], visibilityTimeout: 600 }, documents[1], { receiptHandle: "not-a-handle", queueUrl: queue.url }];
    const run = await runCli(["changeVisibility", "--connection", file("conn.json"), "--visibility-timeout", "0"], {
      stdin: input.map((d) => JSON.stringify(d)).join("\n"),
    });
    assert.equal(run.code, 3, run.stderr);
    const results = parseNdjson(run.stdout);
    assert.deepEqual(
      results.map((r) =>
        r["status"] === "success"
          ? (r["document"] as Record<string, unknown>)["visibilityTimeout"]
          : (r["error"] as Record<string, unknown>)["code"],
      ),
      [600, 0, "RECEIPT_HANDLE_INVALID"],
    );
    assert.deepEqual(await env.counts(queue.url), { visible: 1, inFlight: 1 });
  });
});
