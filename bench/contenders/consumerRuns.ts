import type { SQSClient } from "@aws-sdk/client-sqs";
import type { Consumer } from "sqs-consumer";
import { countFailure, emptyTally, type RunSpec } from "../protocol.js";
import type { PreparedRun } from "./contender.js";

/**
 * Runs sqs-consumer consumers until `spec.count` messages were processed or
 * failed, counting both; polls still waiting on the then empty queue are
 * abandoned, not waited out.
 */
export function consumerRun(spec: RunSpec, client: SQSClient, consumers: Consumer[]): PreparedRun {
  const tally = emptyTally();
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  for (const consumer of consumers) {
    consumer.on("message_processed", () => {
      tally.succeeded += 1;
      if (tally.succeeded + tally.failed >= spec.count) finish();
    });
    consumer.on("error", (error) => countFailure(tally, error.message));
    consumer.on("processing_error", (error) => countFailure(tally, error.message));
  }
  return {
    async run() {
      for (const consumer of consumers) consumer.start();
      await finished;
      for (const consumer of consumers) consumer.stop({ abort: true });
      return tally;
    },
    close: async () => client.destroy(),
  };
}
