import {
  DeleteMessageBatchCommand,
  type DeleteMessageBatchCommandInput,
  type DeleteMessageBatchCommandOutput,
  type DeleteMessageBatchRequestEntry,
  type DeleteMessageBatchResultEntry,
} from "@aws-sdk/client-sqs";
import { ConnectorError, documentError } from "../../core/errors.js";
import type { DeleteConfiguration } from "../../core/generated/delete.config.js";
import type { DeleteDocument } from "../../core/generated/delete.input.js";
import type { DeletedMessage } from "../../core/generated/delete.output.js";
import { batchEntryError } from "../../core/sqsErrors.js";
import type { Documents, Operation, OperationResult } from "../../core/types.js";
import { validateAgainst } from "../../core/validation.js";
import { CommandSender } from "../commandSender.js";
import { batchingSettings, sqsBatching, type OperationContext, type OperationDefinition } from "../context.js";
import { callWithRetries, type BatchAction } from "../pipeline/batchCall.js";
import { runBatchPipeline, type PipelineItem, type Prepared } from "../pipeline/batchPipeline.js";
import { sqsBatchAction } from "../sqsBatchAction.js";

type ValidatedDeleteConfig = DeleteConfiguration & Required<Pick<DeleteConfiguration, "concurrency" | "lingerMs" | "maxEntryAttempts">>;

/** A batch entry plus the message id to echo in the result (not sent to SQS). */
type DeleteEntry = DeleteMessageBatchRequestEntry & { messageId?: string };

const DELETE_INPUT_SCHEMA = "schemas/delete.input.json";

export const deleteOperation: OperationDefinition<ValidatedDeleteConfig> = {
  id: "delete",
  create: (context, config) => new DeleteOperation(context, config),
};

/**
 * Deletes by receipt handle with DeleteMessageBatch. Each document may carry
 * its own queueUrl (receive results do), which wins over the configured queue;
 * batches never mix queues.
 */
class DeleteOperation implements Operation {
  readonly id = "delete";

  constructor(
    private readonly context: OperationContext,
    private readonly config: ValidatedDeleteConfig,
  ) {}

  async *execute(documents: Documents = []): AsyncGenerator<OperationResult> {
    const { context, config } = this;
    const hasQueue = config.queueUrl !== undefined || config.queueName !== undefined;
    const configuredUrl = hasQueue ? await context.queues.url(config) : undefined;
    const action = deleteMessageBatchAction(context, config);
    yield* runBatchPipeline(documents, {
      ...batchingSettings(context, config, sqsBatching(context.limits)),
      prepare: (document, index) => prepareDelete(document, index, configuredUrl, context),
      send: (items, signal) => callWithRetries(items, action, signal),
    });
  }
}

function prepareDelete(
  document: unknown,
  index: number,
  configuredUrl: string | undefined,
  context: OperationContext,
): Prepared<DeleteEntry> {
  const validated = validateAgainst<DeleteDocument>(DELETE_INPUT_SCHEMA, document, "DOCUMENT_INVALID", context.registry);
  if (!validated.ok) return { error: validated.error };
  const doc = validated.value;
  if (doc.queueUrl !== undefined) {
    try {
      context.queues.check(doc.queueUrl);
    } catch (error) {
      if (error instanceof ConnectorError) return { error: error.toDocumentError() };
      throw error;
    }
  }
  const queueUrl = doc.queueUrl ?? configuredUrl;
  if (queueUrl === undefined) {
    return {
      error: documentError(
        "DOCUMENT_INVALID",
        "queueUrl is missing: the document names no queue and the delete configuration has neither queueUrl nor queueName.",
        { field: "queueUrl" },
      ),
    };
  }
  return {
    item: {
      index,
      entry: {
        Id: String(index),
        ReceiptHandle: doc.receiptHandle,
        ...(typeof doc.messageId === "string" ? { messageId: doc.messageId } : {}),
      },
      bytes: Buffer.byteLength(doc.receiptHandle),
      batchKey: queueUrl,
      orderKey: undefined,
    },
  };
}

function deleteMessageBatchAction(context: OperationContext, config: ValidatedDeleteConfig): BatchAction<DeleteEntry> {
  const sender = new CommandSender<DeleteMessageBatchCommandInput, DeleteMessageBatchCommandOutput>(context.client);
  return sqsBatchAction({
    name: "DeleteMessageBatch",
    maxAttempts: config.maxEntryAttempts,
    async call(items, signal) {
      // A batch never mixes queues: its batch key is the queue URL.
      const out = await sender.send(
        new DeleteMessageBatchCommand({
          QueueUrl: items[0]!.batchKey,
          Entries: items.map(({ entry }) => ({ Id: entry.Id, ReceiptHandle: entry.ReceiptHandle })),
        }),
        signal,
      );
      return { successful: out.Successful ?? [], failed: out.Failed ?? [] };
    },
    toDocument(_success: DeleteMessageBatchResultEntry, item: PipelineItem<DeleteEntry>): DeletedMessage {
      const document: DeletedMessage = { deleted: true, queueUrl: item.batchKey };
      if (item.entry.messageId !== undefined) document.messageId = item.entry.messageId;
      return document;
    },
    entryError: (failure) => batchEntryError(failure, "SQS refused to delete this message", "receiptHandle"),
  });
}
