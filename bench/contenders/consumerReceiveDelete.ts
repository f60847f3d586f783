import { Consumer } from "sqs-consumer";
import { countFailure, emptyTally } from "../protocol.js";
import type { Contender } from "./contender.js";
import { RECEIVE_BATCH, RECEIVE_WAIT_SECONDS } from "./receiveSettings.js";
import { benchSqsClient } from "./sdkClient.js";

/**
 * sqs-consumer polls one request at a time per consumer, so `concurrency`
 * consumers share one client. Its batch handler acknowledges every message,
 * which it then deletes with DeleteMessageBatch; the run ends when all are deleted.
 */
export const consumerReceiveDelete: Contender = async (spec) => {
  const client = benchSqsClient(spec);
  const tally = emptyTally();
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const consumers = Array.from({ length: spec.concurrency }, () => {
    const consumer = Consumer.create({
      queueUrl: spec.queueUrl,
      sqs: client,
      batchSize: RECEIVE_BATCH,
      waitTimeSeconds: RECEIVE_WAIT_SECONDS,
      // What the connector asks for by default, so both parse the same replies.
      messageSystemAttributeNames: ["All"],
      messageAttributeNames: ["All"],
      handleMessageBatch: async (messages) => messages,
    });
    consumer.on("message_processed", () => {
      tally.succeeded += 1;
      if (tally.succeeded + tally.failed >= spec.count) finish();
    });
    consumer.on("error", (error) => countFailure(tally, error.message));
    consumer.on("processing_error", (error) => countFailure(tally, error.message));
    return consumer;
  });
  return {
    async run() {
      for (const consumer of consumers) consumer.start();
      await finished;
      // Polls still waiting on the now empty queue are abandoned, not waited out.
      for (const consumer of consumers) consumer.stop({ abort: true });
      return tally;
    },
    close: async () => client.destroy(),
  };
};
