import assert from "node:assert/strict";
import { connect } from "../../connector/connection.js";
import { ConnectorError } from "../../core/errors.js";
import { readManifest } from "../../core/manifest.js";
import { collect, errorCodes, successes } from "../support/embeddedSqs.js";
import {
  CONTROL_ORIGIN,
  DATA_ORIGIN,
  fakeKinesis,
  KINESIS_ORIGIN,
  kinesisFault,
  putRecordsReply,
  recordsOf,
  STREAM_ARN,
  streamSummary,
  textOf,
} from "../support/kinesisNock.js";
import { connectionFor, isolateNetwork } from "../support/sqsNock.js";

const MiB = 1024 * 1024;
const bodyOf = (bytes: number) => "x".repeat(bytes);

describe("putRecords over HTTP (nock: stream ARNs, large records and faults kinesalite cannot show)", () => {
  isolateNetwork();

  it("names a stream by ARN: DescribeStreamSummary and PutRecords go to the owning account's endpoints, signed for Kinesis", async () => {
    const kinesis = fakeKinesis((action, input) => (action === "DescribeStreamSummary" ? streamSummary() : putRecordsReply(input)));
    const connection = connect(connectionFor());
    const results = await collect(
      connection
        .operation("putRecords", { streamArn: STREAM_ARN, partitionKey: "gateway-1" })
        .execute([{ body: { t: 21.5 } }, { body: "raw" }]),
    );
    connection.close();
    assert.deepEqual(successes(results), [
      { shardId: "shardId-000000000001", sequenceNumber: "49680000000000" },
      { shardId: "shardId-000000000001", sequenceNumber: "49680000000000" },
    ]);
    // One partition key: its records go one request after the other, so they keep their order.
    assert.deepEqual(
      kinesis.calls.map((c) => [c.action, c.origin, c.input["StreamARN"], c.signedBy]),
      [
        ["DescribeStreamSummary", CONTROL_ORIGIN, STREAM_ARN, "AKIAUNITTEST00000001"],
        ["PutRecords", DATA_ORIGIN, STREAM_ARN, "AKIAUNITTEST00000001"],
        ["PutRecords", DATA_ORIGIN, STREAM_ARN, "AKIAUNITTEST00000001"],
      ],
    );
    assert.deepEqual(
      kinesis.of("PutRecords").flatMap((c) => recordsOf(c.input).map(textOf)),
      ['{"t":21.5}', "raw"],
    );
  });

  it("sends only the ARN when a configuration names the stream both ways (streamArn wins over streamName)", async () => {
    const kinesis = fakeKinesis((action, input) => (action === "DescribeStreamSummary" ? streamSummary() : putRecordsReply(input)));
    const connection = connect(connectionFor());
    const results = await collect(
      connection
        .operation("putRecords", { streamArn: STREAM_ARN, streamName: "another-stream", partitionKey: "k" })
        .execute([{ body: "a" }]),
    );
    connection.close();
    assert.deepEqual(errorCodes(results), [undefined]);
    assert.deepEqual(
      kinesis.calls.map((c) => [c.action, c.input["StreamARN"], c.input["StreamName"]]),
      [
        ["DescribeStreamSummary", STREAM_ARN, undefined],
        ["PutRecords", STREAM_ARN, undefined],
      ],
    );
  });

  it("takes the record size limit from the stream's MaxRecordSizeInKiB (here 10 MiB) and refuses what exceeds it", async () => {
    const kinesis = fakeKinesis((action, input) =>
      action === "DescribeStreamSummary" ? streamSummary({ MaxRecordSizeInKiB: 10240 }) : putRecordsReply(input),
    );
    const connection = connect(connectionFor());
    const results = await collect(
      connection
        .operation("putRecords", { streamArn: STREAM_ARN, partitionKey: "k" })
        .execute([{ body: bodyOf(3 * MiB) }, { body: bodyOf(10 * MiB) }, { body: bodyOf(2 * MiB) }]),
    );
    connection.close();
    assert.deepEqual(errorCodes(results), [undefined, "RECORD_TOO_LARGE", undefined]);
    assert.match(results[1]!.status === "error" ? results[1]!.error.message : "", /10485761 bytes .* at most 10485760/);
    const requests = kinesis.of("PutRecords").map((c) => recordsOf(c.input));
    assert.deepEqual(
      requests.flat().map((r) => textOf(r).length),
      [3 * MiB, 2 * MiB],
    );
    for (const records of requests) assert.ok(records.reduce((sum, r) => sum + textOf(r).length + r.PartitionKey.length, 0) <= 10 * MiB);
  });

  it("assumes 1 MiB per record and requires partition keys when DescribeStreamSummary is denied (PutRecords-only policy)", async () => {
    const kinesis = fakeKinesis((action, input) =>
      action === "DescribeStreamSummary"
        ? kinesisFault(400, "AccessDeniedException", "User is not authorized to perform: kinesis:DescribeStreamSummary")
        : putRecordsReply(input),
    );
    const warnings: string[] = [];
    const connection = connect(connectionFor(), { logger: { debug() {}, info() {}, error() {}, warn: (m) => warnings.push(m) } });
    const results = await collect(
      connection
        .operation("putRecords", { streamName: "sensor-readings", partitionKeyPointer: "/device" })
        .execute([{ body: { device: "a" } }, { body: bodyOf(MiB) }, { body: { device: "b", v: bodyOf(MiB) } }]),
    );
    connection.close();
    assert.deepEqual(errorCodes(results), [undefined, "PARTITION_KEY_REQUIRED", "RECORD_TOO_LARGE"]);
    assert.equal(kinesis.of("PutRecords")[0]!.origin, KINESIS_ORIGIN);
    assert.match(warnings.join("\n"), /kinesis:DescribeStreamSummary is denied for sensor-readings/);
  });

  it("Test connection with a stream: a denied DescribeStreamSummary is a warning naming what it limits, not a failure", async () => {
    const kinesis = fakeKinesis(() =>
      kinesisFault(400, "AccessDeniedException", "User is not authorized to perform: kinesis:DescribeStreamSummary"),
    );
    const connection = connect(connectionFor());
    const report = await connection.test({ streamName: "sensor-readings" });
    connection.close();
    assert.equal(report.ok, true, report.message);
    assert.deepEqual(
      report.checks.map((c) => [c.step, c.status, c.code]),
      [
        ["credentials", "passed", undefined],
        ["kinesis", "warning", "ACCESS_DENIED"],
      ],
    );
    const fallbackKiB = readManifest().kinesisLimits.recordMaxBytesFallback / 1024;
    assert.ok(report.checks[1]!.affects?.includes(`reading the stream's maximum record size (${fallbackKiB} KiB assumed)`));
    assert.match(report.message, /DescribeStreamSummary is denied/);
    assert.deepEqual(
      kinesis.calls.map((c) => [c.action, c.input["StreamName"]]),
      [["DescribeStreamSummary", "sensor-readings"]],
    );
  });

  it("needs no partition key on a stream with AUTO record distribution", async () => {
    const kinesis = fakeKinesis((action, input) =>
      action === "DescribeStreamSummary" ? streamSummary({ RecordDistributionStrategy: "AUTO" }) : putRecordsReply(input),
    );
    const connection = connect(connectionFor());
    const results = await collect(
      connection.operation("putRecords", { streamName: "sensor-readings" }).execute([{ body: "a" }, { body: "b" }]),
    );
    connection.close();
    assert.deepEqual(errorCodes(results), [undefined, undefined]);
    assert.deepEqual(recordsOf(kinesis.of("PutRecords")[0]!.input), [{ Data: "YQ==" }, { Data: "Yg==" }]);
  });

  it("retries only the records Kinesis failed (throttled or internal), with the same data and keys, until every one is in", async () => {
    const kinesis = fakeKinesis((action, input, n) => {
      if (action === "DescribeStreamSummary") return streamSummary();
      return putRecordsReply(input, (_entry, position) =>
        n === 1 && position === 1 ? "ProvisionedThroughputExceededException" : n === 1 && position === 2 ? "InternalFailure" : undefined,
      );
    });
    const connection = connect(connectionFor());
    const docs = ["a", "b", "c", "d"].map((body, i) => ({ body, partitionKey: `device-${i}` }));
    const results = await collect(connection.operation("putRecords", { streamName: "sensor-readings" }).execute(docs));
    connection.close();
    assert.deepEqual(errorCodes(results), [undefined, undefined, undefined, undefined]);
    const [first, second] = kinesis.of("PutRecords").map((c) => recordsOf(c.input));
    assert.deepEqual(second, [first![1], first![2]], "the failed records, unchanged, in input order");
  });

  it("reports THROTTLED (retryable) per record when throttling outlasts every attempt, without failing the run", async () => {
    fakeKinesis((action, input) =>
      action === "DescribeStreamSummary"
        ? streamSummary()
        : putRecordsReply(input, (entry) => (entry.PartitionKey === "hot" ? "ProvisionedThroughputExceededException" : undefined)),
    );
    const connection = connect(connectionFor({ maxAttempts: 1 }));
    const results = await collect(
      connection.operation("putRecords", { streamName: "sensor-readings", maxRecordAttempts: 3 }).execute([
        { body: "a", partitionKey: "hot" },
        { body: "b", partitionKey: "cool" },
      ]),
    );
    connection.close();
    assert.deepEqual(errorCodes(results), ["THROTTLED", undefined]);
    const error = results[0]!.status === "error" ? results[0]!.error : undefined;
    assert.equal(error?.retryable, true);
    assert.match(error?.message ?? "", /PutRecords to sensor-readings failed this entry 3 times \(ProvisionedThroughputExceededException/);
  });

  it("retries a request Kinesis throttled as a whole, and then succeeds", async () => {
    const kinesis = fakeKinesis((action, input, n) => {
      if (action === "DescribeStreamSummary") return streamSummary();
      return n <= 2 ? kinesisFault(400, "ProvisionedThroughputExceededException", "Rate exceeded") : putRecordsReply(input);
    });
    const connection = connect(connectionFor({ maxAttempts: 1 }));
    const results = await collect(
      connection.operation("putRecords", { streamName: "sensor-readings", partitionKey: "k" }).execute([{ body: "x" }]),
    );
    connection.close();
    assert.deepEqual(errorCodes(results), [undefined]);
    assert.equal(kinesis.of("PutRecords").length, 3);
  });

  it("keeps every partition key's order when records fail inside requests: one record per key per request, one request per key in flight", async () => {
    const stream = new Map<string, number[]>();
    let attempt = 0;
    const kinesis = fakeKinesis((action, input) => {
      if (action === "DescribeStreamSummary") return streamSummary();
      attempt += 1;
      // Every third record of every request fails once; the others are written in request order, as Kinesis does per shard.
      return putRecordsReply(input, (entry, position) => {
        if ((position + attempt) % 3 === 0) return "ProvisionedThroughputExceededException";
        const { seq } = JSON.parse(textOf(entry)) as { seq: number };
        stream.set(entry.PartitionKey, [...(stream.get(entry.PartitionKey) ?? []), seq]);
        return undefined;
      });
    });
    const connection = connect(connectionFor());
    const docs = Array.from({ length: 120 }, (_, i) => ({ body: { device: `d${i % 7}`, seq: i } }));
    const results = await collect(
      connection
        .operation("putRecords", { streamName: "sensor-readings", partitionKeyPointer: "/device", concurrency: 4, maxRecordAttempts: 20 })
        .execute(docs),
    );
    connection.close();
    assert.equal(successes(results).length, 120);
    for (const request of kinesis.of("PutRecords")) {
      const keys = recordsOf(request.input).map((r) => r.PartitionKey);
      assert.equal(new Set(keys).size, keys.length, "at most one record per partition key in a request");
    }
    for (const [device, seqs] of stream)
      assert.deepEqual(
        seqs,
        [...seqs].sort((a, b) => a - b),
        `${device} out of order`,
      );
  });

  it("fills requests up to 500 records when ordering is off", async () => {
    const kinesis = fakeKinesis((action, input) => (action === "DescribeStreamSummary" ? streamSummary() : putRecordsReply(input)));
    const connection = connect(connectionFor());
    const docs = Array.from({ length: 1200 }, (_, i) => ({ body: { i } }));
    const results = await collect(
      connection
        .operation("putRecords", {
          streamName: "sensor-readings",
          partitionKey: "one-key",
          ordering: "none",
          concurrency: 2,
          lingerMs: 1000,
        })
        .execute(docs),
    );
    connection.close();
    assert.equal(successes(results).length, 1200);
    const sizes = kinesis.of("PutRecords").map((c) => recordsOf(c.input).length);
    assert.equal(Math.max(...sizes), 500, "full requests carry 500 records, never more");
    assert.equal(
      sizes.reduce((sum, n) => sum + n, 0),
      1200,
    );
  });

  it("fails the run on a missing stream after giving every document a result", async () => {
    fakeKinesis(() => kinesisFault(400, "ResourceNotFoundException", `Stream sensor-readings under account 123456789012 not found.`));
    const connection = connect(connectionFor());
    await assert.rejects(
      collect(connection.operation("putRecords", { streamName: "sensor-readings", partitionKey: "k" }).execute([{ body: "a" }])),
      (error: unknown) => error instanceof ConnectorError && error.code === "STREAM_NOT_FOUND" && error.step === "kinesis",
    );
    connection.close();
  });

  it("refuses a stream ARN of another region before any request", async () => {
    const kinesis = fakeKinesis(() => streamSummary());
    const connection = connect(connectionFor());
    await assert.rejects(
      collect(connection.operation("putRecords", { streamArn: STREAM_ARN.replace("eu-central-1", "us-west-2") }).execute([{ body: "a" }])),
      (error: unknown) => error instanceof ConnectorError && error.code === "CONFIG_INVALID" && error.field === "streamArn",
    );
    connection.close();
    assert.equal(kinesis.calls.length, 0);
  });

  it("checks partition keys and explicit hash keys from documents and body pointers before sending", async () => {
    const kinesis = fakeKinesis((action, input) => (action === "DescribeStreamSummary" ? streamSummary() : putRecordsReply(input)));
    const connection = connect(connectionFor());
    const config = { streamName: "sensor-readings", partitionKeyPointer: "/device", explicitHashKeyPointer: "/hash" };
    const results = await collect(
      connection
        .operation("putRecords", config)
        .execute([
          { body: { device: "d".repeat(257) } },
          { body: { device: "ok", hash: "340282366920938463463374607431768211456" } },
          { body: { device: "ok" }, explicitHashKey: "12a" },
          { body: { device: 42, hash: 7 } },
          { body: null },
        ]),
    );
    connection.close();
    assert.deepEqual(errorCodes(results), [
      "PARTITION_KEY_INVALID",
      "EXPLICIT_HASH_KEY_INVALID",
      "EXPLICIT_HASH_KEY_INVALID",
      undefined,
      "DOCUMENT_INVALID",
    ]);
    assert.deepEqual(recordsOf(kinesis.of("PutRecords")[0]!.input), [
      { Data: Buffer.from('{"device":42,"hash":7}').toString("base64"), PartitionKey: "42", ExplicitHashKey: "7" },
    ]);
  });
});
