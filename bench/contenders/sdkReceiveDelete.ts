import { DeleteMessageBatchCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { countFailure, emptyTally } from "../protocol.js";
import { runWorkers } from "./batchSource.js";
import type { Contender } from "./contender.js";
import { RECEIVE_BATCH, RECEIVE_WAIT_SECONDS } from "./receiveSettings.js";
import { benchSqsClient } from "./sdkClient.js";

/**
 * The classic hand-written consumer: `concurrency` loops of ReceiveMessage (10,
 * long poll) then DeleteMessageBatch. A loop reserves the messages it asks for,
 * so no loop starts a poll after the last message has been claimed.
 */
export const sdkReceiveDelete: Contender = async (spec) => {
  const client = benchSqsClient(spec);
  return {
    async run() {
      const tally = emptyTally();
      let unclaimed = spec.count;
      await runWorkers(spec.concurrency, async () => {
        while (unclaimed > 0) {
          const want = Math.min(RECEIVE_BATCH, unclaimed);
          unclaimed -= want;
          const received = await client.send(
            new ReceiveMessageCommand({
              QueueUrl: spec.queueUrl,
              MaxNumberOfMessages: want,
              WaitTimeSeconds: RECEIVE_WAIT_SECONDS,
              // What the connector asks for by default, so both parse the same replies.
              MessageSystemAttributeNames: ["All"],
              MessageAttributeNames: ["All"],
            }),
          );
          const messages = received.Messages ?? [];
          unclaimed += want - messages.length;
          if (messages.length === 0) continue;
          const out = await client.send(
            new DeleteMessageBatchCommand({
              QueueUrl: spec.queueUrl,
              Entries: messages.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle })),
            }),
          );
          tally.succeeded += out.Successful?.length ?? 0;
          for (const failure of out.Failed ?? []) countFailure(tally, `${failure.Code}: ${failure.Message}`);
        }
      });
      return tally;
    },
    close: async () => client.destroy(),
  };
};
