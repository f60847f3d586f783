import assert from "node:assert/strict";
import { connect } from "../../connector/connection.js";
import { EMBEDDED_CREDENTIALS } from "../../host/embeddedSqs.js";
import { dataByKey, useEmbeddedKinesis } from "../support/embeddedKinesis.js";
import { collect } from "../support/embeddedSqs.js";
import { startFaultProxy, type Fault } from "../support/faultProxy.js";

/** Whole-request faults (the proxy's partial-batch faults are SQS-shaped): server errors, throttling, resets, answers too late. */
const FAULTS: Fault[] = ["status500", "status503", "throttle", "resetBefore", "resetAfter", "delay"];

describe("putRecords loses nothing under faults (15 % of requests faulted in front of the embedded Kinesis)", function () {
  this.timeout(120_000);
  const env = useEmbeddedKinesis();

  it("2,000 readings of 25 devices: one result each, every success in the stream, each device in order", async () => {
    const stream = await env.stream("faults", 2);
    const proxy = await startFaultProxy({ target: env.kinesis.endpoint, rate: 0.15, faults: FAULTS, seed: 14, delayMs: 1500 });
    const connection = connect({
      authType: "accessKeys",
      ...EMBEDDED_CREDENTIALS,
      region: env.kinesis.region,
      kinesisEndpoint: proxy.url,
      requestTimeoutSeconds: 1,
    });
    const documents = Array.from({ length: 2000 }, (_, i) => ({ body: { deviceId: `d${i % 25}`, seq: i } }));
    try {
      const results = await collect(
        connection.operation("putRecords", { streamName: stream, partitionKeyPointer: "/deviceId" }).execute(documents),
      );
      assert.deepEqual(
        results.map((r) => r.index),
        documents.map((_, i) => i),
        "one result per document, in input order",
      );
      assert.deepEqual(
        results.filter((r) => r.status === "error"),
        [],
        "retries absorb the injected faults",
      );
      for (const fault of FAULTS) assert.ok(proxy.stats[fault] > 0, `the run injected ${fault}`);
    } finally {
      connection.close();
      await proxy.close();
    }
    const byDevice = dataByKey(await env.records(stream));
    const written = new Set<number>();
    for (const [device, data] of byDevice) {
      const seqs = data.map((text) => (JSON.parse(text) as { seq: number }).seq);
      // A request whose answer was lost is sent again (at-least-once): a repeat follows its original at once.
      assert.deepEqual(
        seqs,
        [...seqs].sort((a, b) => a - b),
        `${device} keeps its order`,
      );
      for (const seq of seqs) written.add(seq);
    }
    assert.equal(written.size, 2000, "every record is in the stream");
  });
});
