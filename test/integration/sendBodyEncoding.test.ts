import assert from "node:assert/strict";
import { collect, errorCodes, successes, useEmbeddedSqs } from "../support/embeddedSqs.js";

describe("send bodyEncoding, read back by receive's bodyEncoding (embedded SQS)", () => {
  const env = useEmbeddedSqs();
  const bodies: unknown[] = ["a reading", { device: "meter-7", kWh: 12.5 }, "control \u0001 character", ""];

  const cases: Array<[string, Array<string | undefined>, (body: unknown) => unknown]> = [
    // text: strings as they are, values as JSON; SQS refuses the control character and the empty body.
    [
      "text",
      [undefined, undefined, "MESSAGE_BODY_INVALID_CHARACTERS", "MESSAGE_BODY_EMPTY"],
      (b) => (typeof b === "string" ? b : JSON.stringify(b)),
    ],
    // json: every body is JSON text, so receive's json gives back the very value.
    ["json", [undefined, undefined, undefined, undefined], (b) => b],
    // base64: the text's bytes in base64 (as AWS IoT rules send them); any character survives, nothing is empty but "".
    ["base64", [undefined, undefined, undefined, "MESSAGE_BODY_EMPTY"], (b) => (typeof b === "string" ? b : JSON.stringify(b))],
  ];
  for (const [encoding, codes, readBack] of cases) {
    it(`${encoding}: receive with bodyEncoding ${encoding} returns what was sent`, async () => {
      const queue = await env.queue(`encoding-${encoding}`);
      const connection = env.connect();
      const sent = await collect(
        connection.operation("send", { queueUrl: queue.url, bodyEncoding: encoding }).execute(bodies.map((body) => ({ body }))),
      );
      assert.deepEqual(errorCodes(sent), codes);
      const received = await collect(
        connection
          .operation("receive", {
            queueUrl: queue.url,
            bodyEncoding: encoding,
            waitTimeSeconds: 1,
            maxMessages: 10,
            deleteAfterReceive: true,
          })
          .execute(),
      );
      const expected = bodies.filter((_, i) => codes[i] === undefined).map(readBack);
      const got = successes(received as Array<{ index: number; status: "success"; document: { body: unknown } }>).map((d) => d.body);
      assert.deepEqual(new Set(got.map((b) => JSON.stringify(b))), new Set(expected.map((b) => JSON.stringify(b))));
    });
  }

  it("refuses a body nested too deep before encoding it (BODY_TOO_DEEP), whatever the encoding", async () => {
    const queue = await env.queue("encoding-deep");
    let deep: unknown = {};
    for (let i = 0; i < 10_000; i++) deep = { child: deep };
    const connection = env.connect();
    for (const bodyEncoding of ["text", "json", "base64"]) {
      const sent = await collect(
        connection.operation("send", { queueUrl: queue.url, bodyEncoding }).execute([{ body: deep }, { body: "fine" }]),
      );
      assert.deepEqual(errorCodes(sent), ["BODY_TOO_DEEP", undefined], bodyEncoding);
    }
  });
});
