import assert from "node:assert/strict";
import { parseNdjson, runCli, tempFiles } from "../support/cli.js";
import { dataByKey } from "../support/embeddedKinesis.js";
import { useSignedKinesis } from "../support/kinesisAuthCases.js";

const EMBEDDED = { authType: "accessKeys", accessKeyId: "AKIAEMBEDDEDEXAMPLE0", secretAccessKey: "x", kinesisEndpoint: "embedded" };
const readings = (count: number) =>
  Array.from({ length: count }, (_, i) => JSON.stringify({ body: { deviceId: `gw-${i % 3}`, seq: i } })).join("\n") + "\n";

describe("putRecords from the CLI", () => {
  const signed = useSignedKinesis();
  const env = signed.kinesis;
  let file: (name: string) => string;

  before(() => {
    const region = env.kinesis.region;
    file = tempFiles({
      ...Object.fromEntries(
        signed.cases.map((auth, i) => [`auth-${i}.json`, { ...auth.settings(), region, kinesisEndpoint: signed.endpoint }]),
      ),
      "embedded.json": EMBEDDED,
      "config.json": { partitionKeyPointer: "/deviceId" },
    });
  });

  signed.cases.forEach((auth, i) => {
    it(`writes records signed with ${auth.name}`, async () => {
      const stream = await env.stream(`cli-${i}`);
      const run = await runCli(["putRecords", "-c", file(`auth-${i}.json`), "--config", file("config.json"), "--stream-name", stream], {
        stdin: readings(30),
        env: auth.env,
      });
      assert.equal(run.code, 0, run.stdout + run.stderr);
      const results = parseNdjson(run.stdout);
      assert.equal(results.length, 30);
      assert.ok(results.every((r) => r["status"] === "success"));
      assert.ok(signed.proxy.signers.has(auth.signer()), `signed by ${auth.signer()}`);
      const byKey = dataByKey(await env.records(stream));
      assert.deepEqual([...byKey.keys()].sort(), ["gw-0", "gw-1", "gw-2"]);
    });
  });

  it("refuses credentials the service does not know, as an operation failure (exit 1)", async () => {
    const bad = tempFiles({
      "bad.json": {
        authType: "accessKeys",
        accessKeyId: "AKIAUNKNOWNKEY000001",
        secretAccessKey: "nope",
        kinesisEndpoint: signed.endpoint,
      },
    });
    const stream = await env.stream("cli-bad");
    const run = await runCli(["putRecords", "-c", bad("bad.json"), "--stream-name", stream], {
      stdin: '{"body": "x", "partitionKey": "k"}\n',
    });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /AUTH_FAILED/);
  });

  it('starts the embedded Kinesis for "kinesisEndpoint": "embedded", creates the stream and exits 3 when some documents fail', async () => {
    const run = await runCli(["putRecords", "-c", file("embedded.json"), "--stream-name", "sensor-readings"], {
      stdin: '{"body": {"deviceId": "a"}, "partitionKey": "a"}\n{"body": "no key"}\nnot json\n',
    });
    assert.equal(run.code, 3, run.stderr);
    assert.deepEqual(
      parseNdjson(run.stdout).map((r) => (r["status"] === "success" ? "ok" : (r["error"] as { code: string }).code)),
      ["ok", "PARTITION_KEY_REQUIRED", "DOCUMENT_INVALID"],
    );
  });

  it("test-connection --stream-name checks the stream; browse --streams lists streams", async () => {
    const tested = await runCli(["test-connection", "-c", file("embedded.json"), "--stream-name", "checked-stream"]);
    assert.equal(tested.code, 0, tested.stdout + tested.stderr);
    const report = JSON.parse(tested.stdout) as { ok: boolean; checks: Array<{ step: string; status: string }> };
    assert.deepEqual(
      report.checks.map((c) => `${c.step}:${c.status}`),
      ["credentials:passed", "kinesis:passed"],
    );
    const listed = await runCli(["browse", "-c", file("auth-0.json"), "--streams", "--prefix", "cli-"]);
    assert.equal(listed.code, 0, listed.stderr);
    const names = (JSON.parse(listed.stdout) as { streams: Array<{ name: string }> }).streams.map((s) => s.name);
    assert.ok(names.length >= 3 && names.every((name) => name.startsWith("cli-")), listed.stdout);
  });

  it("--stream-name overrides a config file that names another stream by ARN", async () => {
    const stream = await env.stream("cli-override");
    const other = tempFiles({
      "by-arn.json": { streamArn: `arn:aws:kinesis:${env.kinesis.region}:000000000000:stream/elsewhere`, partitionKey: "k" },
    });
    const run = await runCli(["putRecords", "-c", file("auth-0.json"), "--config", other("by-arn.json"), "--stream-name", stream], {
      stdin: '{"body": "overridden"}\n',
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(
      (await env.records(stream)).map((r) => r.data),
      ["overridden"],
    );
  });

  it('runs a process file whose "streams" are created on the embedded Kinesis', async () => {
    const process = tempFiles({
      "process.json": {
        connection: EMBEDDED,
        streams: [{ name: "process-readings", shardCount: 2 }],
        steps: [
          {
            operation: "putRecords",
            config: { streamName: "process-readings", partitionKeyPointer: "/deviceId" },
            input: [{ body: { deviceId: "a", t: 1 } }, { body: { deviceId: "b", t: 2 } }],
          },
        ],
      },
    });
    const run = await runCli(["run", process("process.json")]);
    assert.equal(run.code, 0, run.stderr);
    const results = parseNdjson(run.stdout);
    assert.deepEqual(
      results.map((r) => r["status"]),
      ["success", "success"],
    );
    assert.match(String((results[0]!["document"] as { shardId: string }).shardId), /^shardId-00000000000[01]$/);
  });
});
