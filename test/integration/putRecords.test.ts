import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { connect } from "../../connector/connection.js";
import { ConnectorError } from "../../core/errors.js";
import { packageRoot } from "../../core/manifest.js";
import { EMBEDDED_CREDENTIALS } from "../../host/embeddedSqs.js";
import { dataByKey, useEmbeddedKinesis } from "../support/embeddedKinesis.js";
import { collect, errorCodes } from "../support/embeddedSqs.js";
import { useSignedKinesis, withEnvironment } from "../support/kinesisAuthCases.js";

/** A value nested `depth` levels deep: deeper than JSON.stringify's recursion can go. */
function deeplyNested(depth: number): unknown {
  let value: unknown = {};
  for (let i = 0; i < depth; i++) value = { child: value };
  return value;
}

describe("putRecords against the embedded Kinesis (kinesalite)", () => {
  const env = useEmbeddedKinesis();
  const connection = () =>
    connect({ authType: "accessKeys", ...EMBEDDED_CREDENTIALS, region: env.kinesis.region, kinesisEndpoint: env.kinesis.endpoint });

  it("writes every reading with the device as partition key, each device's readings in order, one result per document", async () => {
    const stream = await env.stream("readings", 4);
    const docs = Array.from({ length: 1500 }, (_, i) => ({ body: { deviceId: `sensor-${i % 40}`, seq: i, t: 20 + (i % 7) } }));
    const conn = connection();
    const results = await collect<{ shardId: string; sequenceNumber: string }>(
      conn.operation("putRecords", { streamName: stream, partitionKeyPointer: "/deviceId" }).execute(docs),
    );
    conn.close();
    assert.equal(results.length, 1500);
    assert.ok(results.every((r, i) => r.index === i && r.status === "success" && /^shardId-/.test(r.document.shardId)));
    const stored = await env.records(stream);
    assert.equal(stored.length, 1500);
    for (const [device, data] of dataByKey(stored)) {
      const seqs = data.map((text) => (JSON.parse(text) as { seq: number }).seq);
      assert.deepEqual(
        seqs,
        [...seqs].sort((a, b) => a - b),
        `${device} out of order`,
      );
    }
    const bySequence = new Map(stored.map((record) => [record.sequenceNumber, record]));
    for (const [i, result] of results.entries()) {
      if (result.status !== "success") continue;
      assert.equal(
        bySequence.get(result.document.sequenceNumber)?.data,
        JSON.stringify(docs[i]!.body),
        "the result names the stored record",
      );
    }
  });

  it("gives a bad document its own error while its neighbours are written", async () => {
    const stream = await env.stream("mixed");
    const conn = connection();
    const results = await collect(
      conn
        .operation("putRecords", { streamName: stream, partitionKeyPointer: "/deviceId" })
        .execute([
          { body: { deviceId: "a" } },
          { body: { no: "key" } },
          { body: "x".repeat(1024 * 1024), partitionKey: "big" },
          { bodi: 1 },
          { body: { deviceId: "deep", nested: deeplyNested(10_000) } },
          { body: { deviceId: "b" } },
        ]),
    );
    conn.close();
    assert.deepEqual(errorCodes(results), [
      undefined,
      "PARTITION_KEY_REQUIRED",
      "RECORD_TOO_LARGE",
      "DOCUMENT_INVALID",
      "BODY_TOO_DEEP",
      undefined,
    ]);
    assert.equal((await env.records(stream)).length, 2);
  });

  it("fails the operation on a stream that does not exist", async () => {
    const conn = connection();
    await assert.rejects(
      collect(conn.operation("putRecords", { streamName: "no-such-stream", partitionKey: "k" }).execute([{ body: "a" }])),
      (error: unknown) => error instanceof ConnectorError && error.code === "STREAM_NOT_FOUND" && /no-such-stream/.test(error.message),
    );
    conn.close();
  });

  it("lists streams for a designer, by prefix and page", async () => {
    const names = [await env.stream("browse-a"), await env.stream("browse-b"), await env.stream("browse-c")];
    const conn = connection();
    const first = await conn.browse({ resource: "streams", prefix: "browse-", maxResults: 2 });
    const second = await conn.browse({ resource: "streams", prefix: "browse-", maxResults: 2, nextToken: first.nextToken! });
    conn.close();
    assert.deepEqual(
      [...first.streams, ...second.streams].map((s) => s.name),
      names,
    );
    assert.equal(second.nextToken, undefined);
  });

  it("tests a stream: DescribeStreamSummary passes for an ACTIVE stream and fails, naming the step, for a missing one", async () => {
    const stream = await env.stream("tested", 2);
    const conn = connection();
    const ok = await conn.test({ streamName: stream });
    const missing = await conn.test({ streamName: "missing-stream" });
    conn.close();
    assert.equal(ok.ok, true, ok.message);
    assert.deepEqual(
      ok.checks.map((c) => `${c.step}:${c.name}:${c.status}`),
      ["credentials:Credentials:passed", "kinesis:DescribeStreamSummary:passed"],
    );
    assert.match(ok.checks[1]!.message, /ACTIVE, 2 open shards/);
    assert.deepEqual([missing.ok, missing.failedStep, missing.code], [false, "kinesis", "STREAM_NOT_FOUND"]);
  });

  it("takes any access key id with only kinesisEndpoint set, as kinesalite on its own is used (README: The emulator)", async () => {
    const stream = await env.stream("short-key-ids");
    for (const accessKeyId of ["test", "x"]) {
      const conn = connect({
        authType: "accessKeys",
        accessKeyId,
        secretAccessKey: "test",
        region: env.kinesis.region,
        kinesisEndpoint: env.kinesis.endpoint,
      });
      try {
        const results = await collect(
          conn.operation("putRecords", { streamName: stream, partitionKey: "k" }).execute([{ body: accessKeyId }]),
        );
        assert.deepEqual(errorCodes(results), [undefined]);
      } finally {
        conn.close();
      }
    }
  });

  it("never loads @aws-sdk/client-kinesis for SQS-only work (the connection creates the Kinesis client on first use)", () => {
    const script = `
      import { createRequire } from "node:module";
      const { connect } = await import(${JSON.stringify(path.join(packageRoot(), "dist/connector/index.js"))});
      // Endpoints on a closed loopback port: calls fail at once and nothing leaves the machine.
      const closed = "http://127.0.0.1:9";
      const connection = connect({ authType: "accessKeys", accessKeyId: "AKIAEXAMPLEEXAMPLE00", secretAccessKey: "x", region: "eu-central-1", endpoint: closed, kinesisEndpoint: closed, maxAttempts: 1 });
      connection.operation("send", { queueName: "q" });
      await connection.browse({ resource: "queues" }).catch(() => undefined);
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes("client-kinesis"));
      const before = loaded();
      await connection.test({ streamName: "s" }).catch(() => undefined);
      connection.close();
      process.stdout.write(JSON.stringify({ before, after: loaded() }));`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
      timeout: 60_000,
    });
    assert.deepEqual(JSON.parse(run.stdout), { before: false, after: true }, run.stderr);
  });
});

describe("putRecords in-process with every auth type (signatures verified in front of the embedded Kinesis)", () => {
  const signed = useSignedKinesis();

  for (const auth of signed.cases) {
    it(`signs every Kinesis call with ${auth.name}`, async () => {
      const stream = await signed.kinesis.stream("in-process");
      const results = await withEnvironment(auth.env, async () => {
        const conn = connect({ ...auth.settings(), region: signed.kinesis.kinesis.region, kinesisEndpoint: signed.endpoint });
        try {
          return await collect(
            conn.operation("putRecords", { streamName: stream, partitionKey: "gateway" }).execute([{ body: "a" }, { body: "b" }]),
          );
        } finally {
          conn.close();
        }
      });
      assert.deepEqual(errorCodes(results), [undefined, undefined]);
      assert.ok(signed.proxy.signers.has(auth.signer()), `signed by ${auth.signer()}`);
      assert.deepEqual(
        (await signed.kinesis.records(stream)).map((r) => r.data),
        ["a", "b"],
      );
    });
  }
});
