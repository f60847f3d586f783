/* Generated from schemas/ by `npm run generate`; do not edit. */

/**
 * A string is sent as is; any other JSON value is serialized as JSON.
 */
export type Body = string | ({} | unknown[] | number | boolean);
export type MessageGroupId = string;
export type DeduplicationId = string;
export type DelayS = number;

/**
 * One message to send.
 */
export interface SendDocument {
  body: Body;
  messageGroupId?: MessageGroupId;
  messageDeduplicationId?: DeduplicationId;
  delaySeconds?: DelayS;
  messageAttributes?: MessageAttributes;
}
/**
 * Up to 10 attributes in the SQS shape {Name: {DataType, StringValue | BinaryValue}}.
 */
export interface MessageAttributes {
  [k: string]: MessageAttributeValue | undefined;
}
/**
 * SQS's own shape, keys capitalised: {"DataType": "String", "StringValue": "21.5"}, {"DataType": "Number", "StringValue": "21.5"} or {"DataType": "Binary", "BinaryValue": "<base64>"}; a DataType may carry a label ("Number.celsius").
 */
export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}
