import { DeleteMessageBatchCommand, type DeleteMessageBatchCommandInput, type DeleteMessageBatchCommandOutput } from "@aws-sdk/client-sqs";
import type { DeleteConfiguration } from "../../core/generated/delete.config.js";
import type { DeletedMessage } from "../../core/generated/delete.output.js";
import { CommandSender } from "../commandSender.js";
import type { OperationContext, OperationDefinition } from "../context.js";
import { payloadReading, type PayloadReading } from "../largePayload/payloadReading.js";
import { receiptSink, type ReceiptAction } from "../receiptSink.js";

type ValidatedDeleteConfig = DeleteConfiguration &
  Required<Pick<DeleteConfiguration, "concurrency" | "lingerMs" | "maxEntryAttempts">> & {
    largePayload?: Required<Pick<NonNullable<DeleteConfiguration["largePayload"]>, "retainPayloads" | "maxPayloadBytes">>;
  };

export const deleteOperation: OperationDefinition<ValidatedDeleteConfig> = {
  id: "delete",
  // A listener holding one of the messages learns it was acknowledged (its slot frees up).
  create: (context, config) =>
    receiptSink(context, config, deleteAction(context, payloadReading(context, config.largePayload)), context.inFlight),
};

/**
 * DeleteMessageBatch as a receipt-handle action; a receive or listen document is
 * its input as it is. With `payloads`, the S3 objects of pointer messages are
 * removed after their messages (the listener's acknowledgements use it too).
 */
export function deleteAction(context: OperationContext, payloads?: PayloadReading): ReceiptAction {
  const sender = new CommandSender<DeleteMessageBatchCommandInput, DeleteMessageBatchCommandOutput>(context.client);
  return {
    id: "delete",
    name: "DeleteMessageBatch",
    ...(payloads === undefined ? {} : { payloads }),
    verb: "delete",
    inputSchema: "schemas/delete.input.json",
    entry: () => ({}),
    async call(queueUrl, entries, signal) {
      const out = await sender.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: entries.map((entry) => ({ Id: entry.Id, ReceiptHandle: entry.ReceiptHandle })),
        }),
        signal,
      );
      return { successful: out.Successful ?? [], failed: out.Failed ?? [] };
    },
    toDocument(entry, queueUrl): DeletedMessage {
      const document: DeletedMessage = { deleted: true, queueUrl };
      if (entry.messageId !== undefined) document.messageId = entry.messageId;
      return document;
    },
    settlement: () => ({ kind: "deleted" }),
  };
}
