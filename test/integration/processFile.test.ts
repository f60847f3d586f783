import assert from "node:assert/strict";
import { EMBEDDED_CREDENTIALS } from "../../host/embeddedSqs.js";
import { ndjson, parseNdjson, runCli, tempFiles } from "../support/cli.js";

const connection = { authType: "accessKeys", ...EMBEDDED_CREDENTIALS, endpoint: "embedded" };
const send = (input: unknown) => ({ operation: "send", config: { queueName: "process-file-checks" }, input });

/** `run` validates its process file (schemas/process.json): a mistake is a usage error naming the field, never a silent run. */
describe("run: the process file is validated against its schema", () => {
  const cases: Array<{ what: string; process: unknown; names: RegExp }> = [
    {
      what: "a misspelt key in a step",
      process: { connection, steps: [{ operation: "send", inptu: [] }] },
      names: /steps\.0\.inptu is not a known field/,
    },
    { what: "a misspelt top-level key", process: { connection, step: [] }, names: /step is not a known field|steps is required/ },
    { what: "steps that are not a list", process: { connection, steps: { operation: "send" } }, names: /steps must be of type array/ },
    { what: "no steps at all", process: { connection, steps: [] }, names: /steps must have at least 1 entry/ },
    { what: "a step without an operation", process: { connection, steps: [{ config: {} }] }, names: /steps\.0\.operation is required/ },
    { what: "input of the wrong type", process: { connection, steps: [send(42)] }, names: /steps\.0\.input/ },
    {
      what: "a queue without a name",
      process: { connection, queues: [{ attributes: {} }], steps: [send([])] },
      names: /queues\.0\.name is required/,
    },
    {
      what: "input on a later step",
      process: { connection, steps: [send([]), { operation: "delete", input: [] }] },
      names: /steps\.1\.input is not allowed: only the first step takes input/,
    },
    { what: "an input file that does not exist", process: { connection, steps: [send("missing.ndjson")] }, names: /missing\.ndjson/ },
  ];
  for (const c of cases) {
    it(`exits 2 for ${c.what}`, async () => {
      const file = tempFiles({ "process.json": c.process })("process.json");
      const run = await runCli(["run", file]);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /CONFIG_INVALID/);
      assert.match(run.stderr, c.names);
      assert.equal(run.stdout, "");
    });
  }

  it('reads "input": "docs.ndjson" relative to the process file, and logs each queue the embedded SQS creates', async () => {
    const files = tempFiles({
      "docs.ndjson": ndjson([{ body: "one" }, { body: "two" }]),
      "process.json": { connection, steps: [send("docs.ndjson")] },
    });
    const run = await runCli(["run", files("process.json")]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      parseNdjson(run.stdout).map((r) => r["status"]),
      ["success", "success"],
    );
    assert.match(run.stderr, /info: embedded SQS: created queue process-file-checks\n/);
  });

  it("creates (and logs) a queue that several steps name once", async () => {
    const receive = { operation: "receive", config: { queueName: "process-file-checks", waitTimeSeconds: 0 } };
    const file = tempFiles({
      "process.json": {
        connection,
        steps: [send([{ body: "one" }]), receive, { operation: "delete", config: { queueName: "process-file-checks" } }],
      },
    })("process.json");
    const run = await runCli(["run", file]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr.match(/created queue process-file-checks\n/g)?.length, 1, run.stderr);
  });
});
