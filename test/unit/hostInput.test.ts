import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { readNdjson, type InputLine } from "../../host/ndjsonInput.js";
import { describeJsonError } from "../../host/jsonFiles.js";

async function lines(chunks: string[], maxLineBytes?: number): Promise<InputLine[]> {
  const out: InputLine[] = [];
  for await (const line of readNdjson(Readable.from(chunks.map((c) => Buffer.from(c))), maxLineBytes)) out.push(line);
  return out;
}

describe("NDJSON input", () => {
  it("reads one document per line across chunk boundaries, skipping blank lines, with or without a final newline", async () => {
    const result = await lines(['{"body":"a"}\n{"bo', 'dy":"b"}\r\n\n  \n{"body":"c"}']);
    assert.deepEqual(result, [
      { kind: "document", value: { body: "a" } },
      { kind: "document", value: { body: "b" } },
      { kind: "document", value: { body: "c" } },
    ]);
  });

  it("unwraps success envelopes so one command's output is the next one's input", async () => {
    const envelope = { index: 4, status: "success", document: { receiptHandle: "rh", queueUrl: "q" } };
    assert.deepEqual(await lines([JSON.stringify(envelope) + "\n"]), [{ kind: "document", value: envelope.document }]);
  });

  const invalid: Array<[string, string[], RegExp]> = [
    ["malformed JSON", ['{"body": oops}\n'], /Line 1 is not valid JSON/],
    ["an error envelope", ['{"index":0,"status":"error","error":{"code":"THROTTLED"}}\n'], /error result \(THROTTLED\)/],
    ["an over-long line", ["x".repeat(64) + "\n"], /Line 1 is 64 bytes; lines are limited to 60 bytes/],
  ];
  for (const [what, chunks, message] of invalid) {
    it(`turns ${what} into an invalid line that still gets a result`, async () => {
      const [line] = await lines(chunks, 60);
      assert.ok(line?.kind === "invalid");
      assert.equal(line.error.code, "DOCUMENT_INVALID");
      assert.match(line.error.message, message);
    });
  }

  it("keeps reading after a 10 MiB line without holding it", async () => {
    const huge = "y".repeat(10 * 1024 * 1024);
    const result = await lines([huge.slice(0, 5e6), huge.slice(5e6) + "\n", '{"body":"after"}\n']);
    assert.equal(result[0]!.kind, "invalid");
    assert.deepEqual(result[1], { kind: "document", value: { body: "after" } });
  });
});

describe("JSON file errors", () => {
  it("say where the file is broken without quoting it (a connection file holds secrets)", () => {
    const text = '{\n  "secretAccessKey": "abc123SECRET\n}';
    let error: unknown;
    try {
      JSON.parse(text);
    } catch (e) {
      error = e;
    }
    const described = describeJsonError(error, text);
    assert.match(described, /line \d+, column \d+/);
    assert.doesNotMatch(described, /SECRET/);
  });
});
