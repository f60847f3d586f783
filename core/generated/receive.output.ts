/* Generated from schemas/ by `npm run generate`; do not edit. */

export interface ReceivedMessage {
  messageId: string;
  /**
   * SQS's receipt handle; for a message whose body came from S3, preceded by the object's bucket and key as AWS's Extended Client Library marks them, so delete also removes the object.
   */
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
  /**
   * Set when the message was a pointer: the body is the S3 object's content.
   */
  largePayload?: {
    bucket: string;
    key: string;
    /**
     * The payload's size in bytes (UTF-8).
     */
    size: number;
  };
}
