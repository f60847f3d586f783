import type { MessageAttributeValue as SqsAttributeValue } from "@aws-sdk/client-sqs";
import type { MessageAttributes } from "../../core/generated/send.input.js";

/** The document's attributes in the SDK's shape (binary values decoded from base64). */
export function toSqsAttributes(attributes: MessageAttributes): Record<string, SqsAttributeValue> {
  const out: Record<string, SqsAttributeValue> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    out[name] =
      value.BinaryValue !== undefined
        ? { DataType: value.DataType, BinaryValue: Buffer.from(value.BinaryValue, "base64") }
        : { DataType: value.DataType, StringValue: value.StringValue ?? "" };
  }
  return out;
}

/** Bytes SQS counts for attributes: name, data type and value of each. */
export function attributeBytes(attributes: Record<string, SqsAttributeValue>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(attributes)) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value.DataType ?? "");
    bytes += value.BinaryValue !== undefined ? value.BinaryValue.byteLength : Buffer.byteLength(value.StringValue ?? "");
  }
  return bytes;
}
