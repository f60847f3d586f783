import { connect, type OperationResult } from "../../connector/index.js";
import { EMBEDDED_CREDENTIALS } from "../../host/embeddedSqs.js";
import { countFailure, type Tally } from "../protocol.js";
import type { Contender } from "./contender.js";
import { RECEIVE_WAIT_SECONDS } from "./receiveSettings.js";
import { tallyResults } from "./tally.js";

/**
 * The connector's receive streamed into its delete, as a host runs the
 * at-least-once pattern: each received document goes on to delete as it is.
 * Succeeded counts deleted messages; a receive error counts as a failure.
 */
export const connectorReceiveDelete: Contender = async (spec) => {
  const connection = connect({ authType: "accessKeys", ...EMBEDDED_CREDENTIALS, region: spec.region, endpoint: spec.endpoint });
  const receive = connection.operation("receive", {
    queueUrl: spec.queueUrl,
    maxMessages: spec.count,
    waitTimeSeconds: RECEIVE_WAIT_SECONDS,
    ...spec.connectorConfig,
  });
  const remove = connection.operation("delete", { ...spec.connectorConfig });
  return {
    async run() {
      const receiveFailures: Tally = { succeeded: 0, failed: 0 };
      const deleted = await tallyResults(remove.execute(successDocuments(receive.execute(), receiveFailures)));
      deleted.failed += receiveFailures.failed;
      deleted.firstFailure ??= receiveFailures.firstFailure;
      return deleted;
    },
    close: async () => connection.close(),
  };
};

async function* successDocuments(results: AsyncIterable<OperationResult>, failures: Tally): AsyncGenerator<unknown> {
  for await (const result of results) {
    if (result.status === "success") yield result.document;
    else countFailure(failures, `receive ${result.error.code}: ${result.error.message}`);
  }
}
