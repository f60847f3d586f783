import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { CLI, ndjson, parseNdjson, pipeCli, runCli, tempFiles } from "../support/cli.js";
import { embeddedS3 } from "../support/embeddedS3.js";
import { collect, useEmbeddedSqs } from "../support/embeddedSqs.js";
import { HANDLER_SCRIPT } from "../support/listenCli.js";

const MiB = 1024 * 1024;
const EMBEDDED = { authType: "accessKeys", accessKeyId: "AKIAEMBEDDEDEXAMPLE0", secretAccessKey: "x", endpoint: "embedded" };

describe("large payloads through the CLI (separate processes)", function () {
  this.timeout(120_000);
  const running: ChildProcess[] = [];
  after(() => {
    for (const child of running) if (child.exitCode === null) child.kill("SIGKILL");
  });

  it("runs a 50 MiB document through send, receive and delete on the embedded emulator (process file with buckets)", async () => {
    const body = `{"invoice": 7, "lines": "${"ä".repeat(10)}"}`.padEnd(50 * MiB, "-");
    const files = tempFiles({
      "process.json": {
        connection: EMBEDDED,
        queues: [{ name: "invoices" }],
        buckets: [{ name: "invoice-payloads" }],
        steps: [
          {
            operation: "send",
            config: { queueName: "invoices", largePayload: { bucket: "invoice-payloads", keyPrefix: "in/" } },
            input: "docs.ndjson",
          },
          {
            operation: "receive",
            config: { queueName: "invoices", maxMessages: 2, waitTimeSeconds: 1, largePayload: { bucket: "invoice-payloads" } },
          },
          { operation: "delete", config: { largePayload: { bucket: "invoice-payloads" } } },
        ],
      },
    });
    writeFileSync(files("docs.ndjson"), ndjson([{ body }, { body: "a small one" }]));
    const run = await runCli(["run", files("process.json")]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /embedded S3: created bucket invoice-payloads/);
    const deleted = parseNdjson(run.stdout) as Array<{ status: string; document: { largePayload?: { key: string; removed: boolean } } }>;
    assert.deepEqual(
      deleted.map((r) => r.status),
      ["success", "success"],
    );
    const removed = deleted.flatMap((r) => (r.document.largePayload === undefined ? [] : [r.document.largePayload]));
    assert.equal(removed.length, 1);
    assert.match(removed[0]!.key, /^in\/[0-9a-f-]{36}$/);
    assert.equal(removed[0]!.removed, true);
  });

  it("pipes send | receive | delete against the emulator command with s3Endpoint, path-style", async () => {
    const child = spawn(process.execPath, [CLI, "emulator", "--queue", "orders", "--bucket", "order-payloads"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.push(child);
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const [endpoint] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
    while (!/stop with Ctrl-C/.test(stderr)) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.match(stderr, /emulator: created bucket order-payloads/);

    const body = "order line\n".repeat(200_000); // 2.2 MB
    const files = tempFiles({
      "local.json": { authType: "accessKeys", accessKeyId: "test", secretAccessKey: "test", endpoint, s3Endpoint: endpoint },
      "send.json": { queueName: "orders", largePayload: { bucket: "order-payloads" } },
      "receive.json": { queueName: "orders", largePayload: { bucket: "order-payloads" } },
      "delete.json": { largePayload: { bucket: "order-payloads" } },
    });
    const sent = await runCli(["send", "--connection", files("local.json"), "--config", files("send.json")], { stdin: ndjson([{ body }]) });
    assert.equal(sent.code, 0, sent.stderr);
    const [result] = parseNdjson(sent.stdout) as Array<{ document: { largePayload: { bucket: string; size: number } } }>;
    assert.deepEqual(
      [result!.document.largePayload.bucket, result!.document.largePayload.size],
      ["order-payloads", Buffer.byteLength(body)],
    );
    const { first, second } = await pipeCli(
      ["receive", "--connection", files("local.json"), "--config", files("receive.json")],
      ["delete", "--connection", files("local.json"), "--config", files("delete.json")],
    );
    assert.equal(first.code, 0, first.stderr);
    assert.equal(second.code, 0, second.stderr);
    const [deleted] = parseNdjson(second.stdout) as Array<{ document: { largePayload: { removed: boolean } } }>;
    assert.equal(deleted!.document.largePayload.removed, true);

    // test-connection --bucket: the bucket is there and every S3 step passes; a missing one fails the test.
    const checked = await runCli(["test-connection", "--connection", files("local.json"), "--bucket", "order-payloads/in/"]);
    assert.equal(checked.code, 0, checked.stdout + checked.stderr);
    const report = JSON.parse(checked.stdout) as { ok: boolean; checks: Array<{ step: string; name: string; status: string }> };
    assert.deepEqual(
      report.checks.filter((c) => c.step === "s3").map((c) => [c.name, c.status]),
      [
        ["HeadBucket", "passed"],
        ["PutObject (probe)", "passed"],
        ["GetObject (probe)", "passed"],
        ["DeleteObject (probe)", "passed"],
      ],
    );
    const missing = await runCli(["test-connection", "--connection", files("local.json"), "--bucket", "no-such-bucket"]);
    assert.equal(missing.code, 1);
    const failed = JSON.parse(missing.stdout) as { ok: boolean; failedStep: string; code: string };
    assert.deepEqual([failed.ok, failed.failedStep, failed.code], [false, "s3", "PAYLOAD_BUCKET_NOT_FOUND"]);

    child.kill("SIGTERM");
    await once(child, "exit");
  });

  it("refuses a bad bucket name in a configuration as a usage error naming the field", async () => {
    const files = tempFiles({ "conn.json": EMBEDDED, "send.json": { queueName: "q", largePayload: { bucket: "Bad_Bucket" } } });
    const refused = await runCli(["send", "--connection", files("conn.json"), "--config", files("send.json")], {
      stdin: ndjson([{ body: "x" }]),
    });
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /largePayload\.bucket/);
  });
});

describe("CLI listen with large payloads (child process, the test's embedded SQS and S3)", function () {
  this.timeout(40_000);
  const env = useEmbeddedSqs();
  const s3 = embeddedS3(env);

  it("pipes the payload to the command and its acknowledgement removes the object after the message", async () => {
    const queue = await env.queue("cli-listen-large");
    const bucket = await s3.bucket();
    const body = "Zeile\n".repeat(250_000); // 1.5 MB
    await collect(s3.connect().operation("send", { queueUrl: queue.url, largePayload: { bucket } }).execute([{ body }]));
    const files = tempFiles({
      "conn.json": s3.connectionConfig(),
      "listen.json": { queueUrl: queue.url, waitTimeSeconds: 1, largePayload: { bucket } },
      "handler.mjs": HANDLER_SCRIPT,
    });
    const run = await runCli([
      "listen",
      "--connection",
      files("conn.json"),
      "--config",
      files("listen.json"),
      "--max-messages",
      "1",
      "--",
      process.execPath,
      files("handler.mjs"),
      "ok",
    ]);
    assert.equal(run.code, 0, run.stderr.slice(0, 2000));
    const handled = run.stderr.split("\n").find((line) => line.startsWith("HANDLER "))!;
    assert.equal((JSON.parse(handled.slice("HANDLER ".length)) as { body: string }).body, body);
    const [settled] = parseNdjson(run.stdout) as Array<{ document: { outcome: string; largePayload: { removed: boolean } } }>;
    assert.deepEqual([settled!.document.outcome, settled!.document.largePayload.removed], ["acknowledged", true]);
    assert.equal(await env.depth(queue.url), 0);
    assert.deepEqual(await s3.keys(bucket), []);
  });
});
