import type { MessageAttributeValue as SqsAttributeValue } from "@aws-sdk/client-sqs";
import type { MessageAttributes } from "../../core/generated/send.input.js";

/**
 * The document's attributes in the SDK's shape (binary values decoded from
 * base64). Built with fromEntries: assigning `out[name]` would set the object's
 * prototype for an attribute named "__proto__" (a valid SQS name) and drop it.
 */
export function toSqsAttributes(attributes: MessageAttributes): Record<string, SqsAttributeValue> {
  return Object.fromEntries(
    Object.entries(attributes).flatMap(([name, value]): Array<[string, SqsAttributeValue]> => {
      if (value === undefined) return [];
      const sqsValue: SqsAttributeValue =
        value.BinaryValue !== undefined
          ? { DataType: value.DataType, BinaryValue: Buffer.from(value.BinaryValue, "base64") }
          : { DataType: value.DataType, StringValue: value.StringValue ?? "" };
      return [[name, sqsValue]];
    }),
  );
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
