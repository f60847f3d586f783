import {
  SendMessageBatchCommand,
  type SendMessageBatchCommandInput,
  type SendMessageBatchCommandOutput,
  type SendMessageBatchRequestEntry,
  type SendMessageBatchResultEntry,
} from "@aws-sdk/client-sqs";
import { ConnectorError } from "../../core/errors.js";
import type { SendConfiguration } from "../../core/generated/send.config.js";
import type { SentMessage } from "../../core/generated/send.output.js";
import { batchEntryError } from "../../core/sqsErrors.js";
import type { Documents, Operation, OperationResult } from "../../core/types.js";
import { CommandSender } from "../commandSender.js";
import { batchingSettings, sqsBatching, type OperationContext, type OperationDefinition } from "../context.js";
import { callWithRetries, type BatchAction } from "../pipeline/batchCall.js";
import { runBatchPipeline } from "../pipeline/batchPipeline.js";
import type { QueueInfo } from "../queueDirectory.js";
import { sqsBatchAction } from "../sqsBatchAction.js";
import { createSendPreparer } from "./sendDocument.js";

type ValidatedSendConfig = SendConfiguration &
  Required<Pick<SendConfiguration, "concurrency" | "lingerMs" | "maxEntryAttempts" | "deduplication" | "messagesPerGroupPerBatch">>;

export const sendOperation: OperationDefinition<ValidatedSendConfig> = {
  id: "send",
  create: (context, config) => new SendOperation(context, config),
};

class SendOperation implements Operation {
  readonly id = "send";

  constructor(
    private readonly context: OperationContext,
    private readonly config: ValidatedSendConfig,
  ) {}

  async *execute(documents: Documents = []): AsyncGenerator<OperationResult> {
    const { context, config } = this;
    const queue = await context.queues.info(config);
    checkConfigFitsQueue(config, queue);
    const action = sendMessageBatchAction(context, config, queue);
    yield* runBatchPipeline(documents, {
      ...batchingSettings(context, config, sqsBatching(context.limits)),
      maxPerOrderKey: config.messagesPerGroupPerBatch,
      prepare: createSendPreparer(config, queue, context.registry),
      send: (items, signal) => callWithRetries(items, action, signal),
    });
  }
}

/** Settings the queue cannot honour are refused before any message is sent, as the same fields in a document are. */
function checkConfigFitsQueue(config: SendConfiguration, queue: QueueInfo): void {
  if (!queue.fifo && config.messageDeduplicationIdPointer !== undefined) {
    throw new ConnectorError(
      "DEDUPLICATION_ID_NOT_ALLOWED",
      `messageDeduplicationIdPointer only applies to FIFO queues and ${queue.name} is a standard queue: remove it from the send configuration, or send to a .fifo queue.`,
      { field: "messageDeduplicationIdPointer" },
    );
  }
  if (queue.fifo && config.delaySeconds !== undefined) {
    throw new ConnectorError(
      "CONFIG_INVALID",
      `delaySeconds cannot be used with FIFO queue ${queue.name}: FIFO queues only take a delay from the queue's own DelaySeconds setting. Remove it from the send configuration.`,
      { field: "delaySeconds" },
    );
  }
}

function sendMessageBatchAction(
  context: OperationContext,
  config: ValidatedSendConfig,
  queue: QueueInfo,
): BatchAction<SendMessageBatchRequestEntry> {
  const sender = new CommandSender<SendMessageBatchCommandInput, SendMessageBatchCommandOutput>(context.client);
  return sqsBatchAction({
    name: `SendMessageBatch to ${queue.name}`,
    maxAttempts: config.maxEntryAttempts,
    async call(items, signal) {
      const entries = items.map((item) => item.entry);
      const out = await sender.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: entries }), signal);
      return { successful: out.Successful ?? [], failed: out.Failed ?? [] };
    },
    toDocument(success: SendMessageBatchResultEntry): SentMessage {
      const document: SentMessage = { messageId: success.MessageId ?? "", md5OfMessageBody: success.MD5OfMessageBody ?? "" };
      if (success.SequenceNumber !== undefined) document.sequenceNumber = success.SequenceNumber;
      if (success.MD5OfMessageAttributes !== undefined) document.md5OfMessageAttributes = success.MD5OfMessageAttributes;
      return document;
    },
    entryError: (failure) => batchEntryError(failure, `SQS refused this message for queue ${queue.name}`),
  });
}
