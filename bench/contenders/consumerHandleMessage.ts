import type { Message } from "@aws-sdk/client-sqs";
import { Consumer } from "sqs-consumer";
import type { Contender } from "./contender.js";
import { consumerRun } from "./consumerRuns.js";
import { RECEIVE_BATCH, RECEIVE_WAIT_SECONDS } from "./receiveSettings.js";
import { benchSqsClient } from "./sdkClient.js";

/**
 * sqs-consumer's per-message handler at the same concurrency as the listener:
 * each consumer handles the (up to) 10 messages of a poll at once and polls again
 * when all are done, so `concurrency` / 10 consumers on one client hold at most
 * `concurrency` messages. It deletes each acknowledged message with DeleteMessage.
 */
export const consumerHandleMessage: Contender = async (spec) => {
  const client = benchSqsClient(spec);
  const handlerMs = spec.handlerMs ?? 0;
  const consumers = Array.from({ length: Math.ceil(spec.concurrency / RECEIVE_BATCH) }, () =>
    Consumer.create({
      queueUrl: spec.queueUrl,
      sqs: client,
      batchSize: RECEIVE_BATCH,
      waitTimeSeconds: RECEIVE_WAIT_SECONDS,
      visibilityTimeout: 30,
      // What the listener asks for, so both parse the same replies.
      messageSystemAttributeNames: ["All"],
      messageAttributeNames: ["All"],
      handleMessage: async (message: Message) => {
        if (handlerMs > 0) await new Promise((resolve) => setTimeout(resolve, handlerMs));
        return message;
      },
    }),
  );
  return consumerRun(spec, client, consumers);
};
