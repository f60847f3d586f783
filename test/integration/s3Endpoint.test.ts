import assert from "node:assert/strict";
import nock from "nock";
import { connect } from "../../connector/connection.js";
import { ConnectorError } from "../../core/errors.js";
import type { SentMessage } from "../../core/generated/send.output.js";
import { EMBEDDED_CREDENTIALS } from "../../host/embeddedSqs.js";
import { collect, successes, useEmbeddedSqs } from "../support/embeddedSqs.js";
import { isolateNetwork } from "../support/sqsNock.js";
import { verifySigV4 } from "../support/sigv4Verifier.js";

/** s3Endpoint is S3's own override: S3 never follows the SQS endpoint, and an override is addressed path-style. */
describe("s3Endpoint: S3 has its own endpoint override, never the SQS one", () => {
  const env = useEmbeddedSqs();
  isolateNetwork();

  const refusals: Array<[string, string]> = [
    ["http://10.0.0.5:9000", "ENDPOINT_INSECURE"],
    ["ftp://127.0.0.1:9000", "CONFIG_INVALID"],
  ];
  for (const [s3Endpoint, code] of refusals) {
    it(`refuses ${s3Endpoint} when the connection is made (${code})`, () => {
      assert.throws(
        () => connect(env.connectionConfig({ s3Endpoint })),
        (error: unknown) => error instanceof ConnectorError && error.code === code && error.field === "s3Endpoint",
      );
    });
  }

  it("stores payloads in Amazon S3 of the connection's region (virtual-hosted, signed for s3), not at the SQS endpoint override, and says so", async () => {
    const queue = await env.queue("to-aws-s3");
    const stored: Array<{ host: string; path: string; signedBy: string }> = [];
    // What S3 in us-east-1 answers a PutObject, after checking the signature as S3 does.
    nock("https://payloads-bucket.s3.us-east-1.amazonaws.com")
      .put(/.*/)
      .reply(function (uri, body) {
        const signedBy = verifySigV4(
          { method: "PUT", path: uri, headers: this.req.headers, body: typeof body === "string" ? body : JSON.stringify(body) },
          (id) => (id === EMBEDDED_CREDENTIALS.accessKeyId ? EMBEDDED_CREDENTIALS.secretAccessKey : undefined),
        );
        stored.push({ host: String(this.req.headers["host"]), path: uri.split("?")[0]!, signedBy });
        return [200, "", { etag: '"0"' }];
      });
    const infos: string[] = [];
    const logger = { debug() {}, warn() {}, error() {}, info: (message: string) => infos.push(message) };
    const connection = connect(env.connectionConfig(), { logger });
    try {
      const results = await collect<SentMessage>(
        connection
          .operation("send", { queueUrl: queue.url, largePayload: { bucket: "payloads-bucket", always: true } })
          .execute([{ body: "x" }]),
      );
      const [sent] = successes(results);
      assert.equal(stored.length, 1);
      assert.deepEqual(
        [stored[0]!.host, stored[0]!.path, stored[0]!.signedBy],
        ["payloads-bucket.s3.us-east-1.amazonaws.com", `/${sent!.largePayload!.key}`, EMBEDDED_CREDENTIALS.accessKeyId],
      );
    } finally {
      connection.close();
    }
    assert.match(
      infos.join("\n"),
      /s3Endpoint is not set: S3 requests go to AWS in us-east-1, not to the SQS endpoint http:\/\/127\.0\.0\.1:\d+/,
    );
  });

  it("addresses an s3Endpoint path-style, with the bucket in the path", async () => {
    const queue = await env.queue("path-style");
    await env.sqs.createBucket("path-style-bucket");
    const connection = connect(env.connectionConfig({ s3Endpoint: env.sqs.endpoint }));
    try {
      const [sent] = successes(
        await collect<SentMessage>(
          connection
            .operation("send", { queueUrl: queue.url, largePayload: { bucket: "path-style-bucket", always: true } })
            .execute([{ body: "x" }]),
        ),
      );
      // Virtual-hosted addressing would have asked DNS for path-style-bucket.127.0.0.1 and failed.
      assert.equal(sent!.largePayload!.bucket, "path-style-bucket");
    } finally {
      connection.close();
    }
  });
});
