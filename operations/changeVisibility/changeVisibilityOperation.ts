import {
  ChangeMessageVisibilityBatchCommand,
  type ChangeMessageVisibilityBatchCommandInput,
  type ChangeMessageVisibilityBatchCommandOutput,
} from "@aws-sdk/client-sqs";
import type { ChangeVisibilityConfiguration } from "../../core/generated/changeVisibility.config.js";
import type { ChangedVisibility } from "../../core/generated/changeVisibility.output.js";
import { CommandSender } from "../commandSender.js";
import type { OperationContext, OperationDefinition } from "../context.js";
import { receiptSink, type ReceiptAction } from "../receiptSink.js";

type ValidatedChangeVisibilityConfig = ChangeVisibilityConfiguration &
  Required<Pick<ChangeVisibilityConfiguration, "visibilityTimeout" | "concurrency" | "lingerMs" | "maxEntryAttempts">>;

export const changeVisibilityOperation: OperationDefinition<ValidatedChangeVisibilityConfig> = {
  id: "changeVisibility",
  // A listener holding one of the messages learns it was released (its slot frees up, its heartbeat ends).
  create: (context, config) => receiptSink(context, config, changeVisibilityAction(context, config.visibilityTimeout), context.inFlight),
};

/**
 * ChangeMessageVisibilityBatch as a receipt-handle action: each document's own
 * visibilityTimeout wins over `visibilityTimeout`. The listener's heartbeat and
 * settlements use it too.
 */
export function changeVisibilityAction(context: OperationContext, visibilityTimeout: number): ReceiptAction {
  const sender = new CommandSender<ChangeMessageVisibilityBatchCommandInput, ChangeMessageVisibilityBatchCommandOutput>(context.client);
  return {
    id: "changeVisibility",
    name: "ChangeMessageVisibilityBatch",
    verb: "change the visibility of",
    inputSchema: "schemas/changeVisibility.input.json",
    entry: (document) => ({ visibilityTimeout: document.visibilityTimeout ?? visibilityTimeout }),
    async call(queueUrl, entries, signal) {
      const out = await sender.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: queueUrl,
          Entries: entries.map((entry) => ({
            Id: entry.Id,
            ReceiptHandle: entry.ReceiptHandle,
            VisibilityTimeout: entry.visibilityTimeout,
          })),
        }),
        signal,
      );
      return { successful: out.Successful ?? [], failed: out.Failed ?? [] };
    },
    toDocument(entry, queueUrl): ChangedVisibility {
      const document: ChangedVisibility = { visibilityTimeout: entry.visibilityTimeout ?? visibilityTimeout, queueUrl };
      if (entry.messageId !== undefined) document.messageId = entry.messageId;
      return document;
    },
    settlement: (entry) => ({ kind: "visibilityChanged", visibilityTimeout: entry.visibilityTimeout ?? visibilityTimeout }),
  };
}
