/* Generated from schemas/ by `npm run generate`; do not edit. */

export interface ReceivedMessage {
  messageId: string;
  receiptHandle: string;
  /**
   * Text, or a JSON value when bodyEncoding is json.
   */
  body: unknown;
  md5OfBody: string;
  attributes: {
    [k: string]: string | undefined;
  };
  messageAttributes: {
    [k: string]:
      | {
          DataType: string;
          StringValue?: string;
          BinaryValue?: string;
        }
      | undefined;
  };
  queueUrl: string;
}
