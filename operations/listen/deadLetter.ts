import { SendMessageCommand, type MessageAttributeValue, type SQSClient } from "@aws-sdk/client-sqs";
import { sqsError } from "../../core/sqsErrors.js";
import type { Delivery } from "./delivery.js";

/** The dead-letter queue a listener moves poison messages to. */
export interface DeadLetterTarget {
  url: string;
  fifo: boolean;
  /** The queue's MaximumMessageSize: added attributes must not push a message over it. */
  maxMessageBytes: number;
}

/**
 * Sends a poison message to the dead-letter queue with its body and message
 * attributes exactly as received, plus attributes saying why and from where, as
 * many as fit within SQS's attribute count and the queue's size limit (the
 * original attributes always come first). A FIFO dead-letter queue gets the
 * original message group and the source message id as deduplication id, so a
 * move repeated after a failed delete is recognised instead of duplicated.
 * Returns the new message's id; throws a ConnectorError when SQS refuses.
 */
export async function sendToDeadLetterQueue(
  client: SQSClient,
  target: DeadLetterTarget,
  delivery: Delivery,
  reason: string,
  maxAttributes: number,
): Promise<string> {
  const { message } = delivery;
  const body = message.Body ?? "";
  const attributes: Record<string, MessageAttributeValue> = { ...message.MessageAttributes };
  let bytes = Buffer.byteLength(body) + Object.entries(attributes).reduce((sum, [name, value]) => sum + attributeBytes(name, value), 0);
  const extras: Array<[string, MessageAttributeValue]> = [
    ["DeadLetterReason", { DataType: "String", StringValue: reason }],
    ["DeadLetterSourceQueueUrl", { DataType: "String", StringValue: delivery.queueUrl }],
    ["DeadLetterSourceMessageId", { DataType: "String", StringValue: delivery.messageId }],
    ["DeadLetterReceiveCount", { DataType: "Number", StringValue: String(delivery.receiveCount) }],
  ];
  for (const [name, value] of extras) {
    const size = attributeBytes(name, value);
    if (Object.keys(attributes).length >= maxAttributes || name in attributes || bytes + size > target.maxMessageBytes) continue;
    attributes[name] = value;
    bytes += size;
  }
  const trace = message.Attributes?.AWSTraceHeader;
  try {
    const out = await client.send(
      new SendMessageCommand({
        QueueUrl: target.url,
        MessageBody: body,
        ...(Object.keys(attributes).length === 0 ? {} : { MessageAttributes: attributes }),
        ...(trace === undefined ? {} : { MessageSystemAttributes: { AWSTraceHeader: { DataType: "String", StringValue: trace } } }),
        ...(target.fifo ? { MessageGroupId: delivery.groupId ?? delivery.messageId, MessageDeduplicationId: delivery.messageId } : {}),
      }),
    );
    return out.MessageId ?? "";
  } catch (error) {
    throw sqsError(error, "SendMessage to the dead-letter queue");
  }
}

/** What SQS counts toward a message's size for one attribute: name, data type and value. */
function attributeBytes(name: string, value: MessageAttributeValue): number {
  const data = value.BinaryValue !== undefined ? value.BinaryValue.length : Buffer.byteLength(value.StringValue ?? "");
  return Buffer.byteLength(name) + Buffer.byteLength(value.DataType ?? "") + data;
}
