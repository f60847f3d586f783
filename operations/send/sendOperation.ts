import {
  SendMessageBatchCommand,
  type SendMessageBatchCommandInput,
  type SendMessageBatchCommandOutput,
  type SendMessageBatchResultEntry,
} from "@aws-sdk/client-sqs";
import { ConnectorError } from "../../core/errors.js";
import { isFatalForS3 } from "../../core/s3Errors.js";
import type { SendConfiguration } from "../../core/generated/send.config.js";
import type { SentMessage } from "../../core/generated/send.output.js";
import { batchEntryError, isFatal } from "../../core/sqsErrors.js";
import type { Documents, Operation, OperationResult } from "../../core/types.js";
import { CommandSender } from "../commandSender.js";
import { batchingSettings, sqsBatching, type OperationContext, type OperationDefinition } from "../context.js";
import { callWithRetries, type BatchAction } from "../pipeline/batchCall.js";
import { offloadSettings } from "../largePayload/payloadSettings.js";
import { PayloadStore } from "../largePayload/payloadStore.js";
import { runBatchPipeline, type PipelineItem } from "../pipeline/batchPipeline.js";
import type { QueueInfo } from "../queueDirectory.js";
import { sqsBatchAction } from "../sqsBatchAction.js";
import { offloadStage, type SendEntry } from "./payloadOffload.js";
import { createSendPreparer } from "./sendDocument.js";
import { StoredPayloads } from "./storedPayloads.js";

type ValidatedSendConfig = SendConfiguration &
  Required<Pick<SendConfiguration, "concurrency" | "lingerMs" | "maxEntryAttempts" | "deduplication" | "messagesPerGroupPerBatch">> & {
    largePayload?: Required<Pick<NonNullable<SendConfiguration["largePayload"]>, "always" | "attributeName" | "maxPayloadBytes">>;
  };

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
    const batching = batchingSettings(context, config, sqsBatching(context.limits));
    const offload = config.largePayload === undefined ? undefined : offloadSettings(config.largePayload, context.limits);
    if (offload === undefined) {
      yield* runBatchPipeline(documents, {
        ...batching,
        maxPerOrderKey: config.messagesPerGroupPerBatch,
        prepare: createSendPreparer(config, queue, context.registry),
        send: (items, signal) => callWithRetries(items, action, signal),
      });
      return;
    }
    const store = new PayloadStore(() => context.s3(), context.s3Limits);
    const stored = new StoredPayloads(store, offload.expectedBucketOwner);
    const results = runBatchPipeline(documents, {
      ...batching,
      // The configured bucket is missing or refused: every later body would fail the same way.
      isFatal: (error) => isFatal(error) || isFatalForS3(error) || error.code === "PAYLOAD_ACCESS_DENIED",
      maxPerOrderKey: config.messagesPerGroupPerBatch,
      prepare: createSendPreparer(config, queue, context.registry, offload),
      stage: offloadStage(offload, queue, store, stored, {
        concurrency: context.s3Limits.payloadConcurrency,
        maxBytes: context.s3Limits.offloadMaxBytes,
      }),
      send: (items, signal) => sendTracked(items, action, signal, stored),
    });
    for await (const result of results) yield await stored.annotate(result);
  }
}

/** A batch call whose stored payloads learn their messages' fate (kept, or removed after a refusal). */
async function sendTracked(
  items: PipelineItem<SendEntry>[],
  action: BatchAction<SendEntry>,
  signal: AbortSignal,
  stored: StoredPayloads,
): Promise<OperationResult[]> {
  let results: OperationResult[];
  try {
    results = await callWithRetries(items, action, signal);
  } catch (error) {
    // A fatal refusal (credentials, queue gone) applied none of the batch.
    if (error instanceof ConnectorError && !error.retryable) await stored.refused(items.map((item) => item.index));
    throw error;
  }
  await stored.settleBatch(results);
  return results;
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

function sendMessageBatchAction(context: OperationContext, config: ValidatedSendConfig, queue: QueueInfo): BatchAction<SendEntry> {
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
