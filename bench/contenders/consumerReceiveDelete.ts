import { Consumer } from "sqs-consumer";
import type { Contender } from "./contender.js";
import { consumerRun } from "./consumerRuns.js";
import { RECEIVE_BATCH, RECEIVE_WAIT_SECONDS } from "./receiveSettings.js";
import { benchSqsClient } from "./sdkClient.js";

/**
 * sqs-consumer polls one request at a time per consumer, so `concurrency`
 * consumers share one client. Its batch handler acknowledges every message,
 * which it then deletes with DeleteMessageBatch; the run ends when all are deleted.
 */
export const consumerReceiveDelete: Contender = async (spec) => {
  const client = benchSqsClient(spec);
  const consumers = Array.from({ length: spec.concurrency }, () =>
    Consumer.create({
      queueUrl: spec.queueUrl,
      sqs: client,
      batchSize: RECEIVE_BATCH,
      waitTimeSeconds: RECEIVE_WAIT_SECONDS,
      // What the connector asks for by default, so both parse the same replies.
      messageSystemAttributeNames: ["All"],
      messageAttributeNames: ["All"],
      handleMessageBatch: async (messages) => messages,
    }),
  );
  return consumerRun(spec, client, consumers);
};
