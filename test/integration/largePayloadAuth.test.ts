import assert from "node:assert/strict";
import { connect } from "../../connector/connection.js";
import type { DeletedMessage } from "../../core/generated/delete.output.js";
import type { ReceivedMessage } from "../../core/generated/receive.output.js";
import { collect, errorCodes, successes, useEmbeddedSqs } from "../support/embeddedSqs.js";
import { useSignedEndpoint, withEnvironment } from "../support/signedEndpoint.js";

/**
 * S3 calls sign with the connection's own credentials, whatever the auth type:
 * the embedded emulator behind a proxy that verifies every SQS and S3
 * signature as AWS does, so a request signed with anything else is refused.
 */
describe("large payloads sign S3 calls with the connection's credentials (signature-checking proxy)", () => {
  const env = useEmbeddedSqs();
  const signed = useSignedEndpoint(() => env.sqs.endpoint);

  for (const auth of signed.cases) {
    it(`stores, reads and removes payloads with ${auth.name}`, async () => {
      const queue = await env.queue("signed");
      const bucket = `signed-${process.pid}-${auth.name.length}`;
      await env.sqs.createBucket(bucket);
      signed.proxy.signers.clear();
      const deleted = await withEnvironment(auth.env, async () => {
        const connection = connect({ ...auth.settings(), region: env.sqs.region, endpoint: signed.endpoint, s3Endpoint: signed.endpoint });
        try {
          const sent = await collect(
            connection
              .operation("send", { queueUrl: queue.url, largePayload: { bucket, always: true } })
              .execute([{ body: "signed payload" }]),
          );
          assert.deepEqual(errorCodes(sent), [undefined]);
          const received = await collect<ReceivedMessage>(
            connection.operation("receive", { queueUrl: queue.url, waitTimeSeconds: 0, largePayload: { bucket } }).execute(),
          );
          assert.deepEqual(
            successes(received).map((m) => m.body),
            ["signed payload"],
          );
          return successes(
            await collect<DeletedMessage>(connection.operation("delete", { largePayload: { bucket } }).execute(successes(received))),
          );
        } finally {
          connection.close();
        }
      });
      assert.equal(deleted[0]!.largePayload!.removed, true);
      assert.deepEqual([...signed.proxy.signers], [auth.signer()]);
      const test = await withEnvironment(auth.env, async () => {
        const connection = connect({ ...auth.settings(), region: env.sqs.region, endpoint: signed.endpoint, s3Endpoint: signed.endpoint });
        try {
          return await connection.test({ bucket });
        } finally {
          connection.close();
        }
      });
      assert.equal(test.ok, true, test.message);
      assert.ok(test.checks.filter((c) => c.step === "s3").every((c) => c.status === "passed"));
    });
  }
});
