import assert from "node:assert/strict";
import { connect } from "../../connector/connection.js";
import { ConnectorError } from "../../core/errors.js";
import { collect, errorCodes } from "../support/embeddedSqs.js";
import { fakeKinesis, KINESIS_ORIGIN, putRecordsReply, streamSummary } from "../support/kinesisNock.js";
import { connectionFor, isolateNetwork } from "../support/sqsNock.js";

describe("kinesisEndpoint: Kinesis has its own endpoint override, never the SQS one", () => {
  isolateNetwork();

  const refusals: Array<[string, string]> = [
    ["http://10.0.0.5:4567", "ENDPOINT_INSECURE"],
    ["ftp://127.0.0.1:4567", "CONFIG_INVALID"],
    ["https://user:secret@kinesis.example.com", "CONFIG_INVALID"],
  ];
  for (const [kinesisEndpoint, code] of refusals) {
    it(`refuses ${kinesisEndpoint} when the connection is made (${code})`, () => {
      assert.throws(
        () => connect(connectionFor({ kinesisEndpoint })),
        (error: unknown) => error instanceof ConnectorError && error.code === code && error.field === "kinesisEndpoint",
      );
    });
  }

  it("sends Kinesis calls to AWS, not to the SQS endpoint override, and says so in the log", async () => {
    const kinesis = fakeKinesis((action, input) => (action === "DescribeStreamSummary" ? streamSummary() : putRecordsReply(input)));
    const infos: string[] = [];
    const logger = { debug() {}, warn() {}, error() {}, info: (message: string) => infos.push(message) };
    const connection = connect(connectionFor({ endpoint: "http://127.0.0.1:9324" }), { logger });
    const results = await collect(
      connection.operation("putRecords", { streamName: "sensor-readings", partitionKey: "k" }).execute([{ body: "x" }]),
    );
    connection.close();
    assert.deepEqual(errorCodes(results), [undefined]);
    assert.ok(kinesis.calls.every((call) => call.origin === KINESIS_ORIGIN));
    assert.match(
      infos.join("\n"),
      /kinesisEndpoint is not set: Kinesis requests go to AWS in eu-central-1, not to the SQS endpoint http:\/\/127\.0\.0\.1:9324/,
    );
  });
});
