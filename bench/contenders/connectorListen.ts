import { connect } from "../../connector/index.js";
import { EMBEDDED_CREDENTIALS } from "../../host/embeddedSqs.js";
import { countFailure, emptyTally } from "../protocol.js";
import type { Contender } from "./contender.js";
import { RECEIVE_WAIT_SECONDS } from "./receiveSettings.js";

/**
 * The connector's listener with `concurrency` messages in flight and a handler
 * that takes `handlerMs`: it stops after `count` settlements. Succeeded counts
 * acknowledged (deleted) messages.
 */
export const connectorListen: Contender = async (spec) => {
  const connection = connect({ authType: "accessKeys", ...EMBEDDED_CREDENTIALS, region: spec.region, endpoint: spec.endpoint });
  const handlerMs = spec.handlerMs ?? 0;
  const handler = handlerMs === 0 ? () => undefined : () => new Promise<void>((resolve) => setTimeout(resolve, handlerMs));
  return {
    async run() {
      const tally = emptyTally();
      const listener = connection.listen(
        { queueUrl: spec.queueUrl, maxInFlight: spec.concurrency, waitTimeSeconds: RECEIVE_WAIT_SECONDS, visibilityTimeout: 30 },
        handler,
        {
          maxSettlements: spec.count,
          onSettled: (result) => {
            if (result.status === "success") tally.succeeded += 1;
            else countFailure(tally, `${result.error.code}: ${result.error.message}`);
          },
        },
      );
      await listener.summary;
      return tally;
    },
    close: async () => connection.close(),
  };
};
