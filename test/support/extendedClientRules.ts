/**
 * How AWS's SQS Extended Client Library for Java (2.1, with
 * payload-offloading-java-common-lib-for-aws) and its Python port read and
 * write large-payload messages, written down from their sources as executable
 * rules, so tests can check the connector against the libraries rather than
 * against itself:
 * - awslabs/amazon-sqs-java-extended-client-lib
 *   src/main/java/com/amazon/sqs/javamessaging/AmazonSQSExtendedClient.java (receiveMessage, deleteMessage, storeMessageInS3),
 *   AmazonSQSExtendedClientUtil.java (markers, isLarge, reserved names), SQSExtendedClientConstants.java
 * - awslabs/payload-offloading-java-common-lib-for-aws
 *   src/main/java/software/amazon/payloadoffloading/PayloadS3Pointer.java, JsonDataConverter.java (Jackson, default typing NON_FINAL)
 * - awslabs/amazon-sqs-python-extended-client-lib src/sqs_extended_client/client.py
 */

export const JAVA = {
  reservedName: "ExtendedPayloadSize",
  legacyReservedName: "SQSLargePayloadSize",
  bucketMarker: "-..s3BucketName..-",
  keyMarker: "-..s3Key..-",
  pointerClass: "software.amazon.payloadoffloading.PayloadS3Pointer",
  legacyPointerClass: "com.amazon.sqs.javamessaging.MessageS3Pointer",
} as const;

type Attributes = Record<string, { DataType?: string; StringValue?: string } | undefined>;

/** PayloadS3Pointer.toJson(): Jackson's type-tagged array, fields in declaration order, no whitespace. */
export function javaPointerJson(bucket: string, key: string): string {
  return `["${JAVA.pointerClass}",{"s3BucketName":"${bucket}","s3Key":"${key}"}]`;
}

/** What Python's json.dumps writes for the same pointer (", " and ": " separators), in either mode. */
export function pythonPointerJson(bucket: string, key: string, legacy = false): string {
  return `["${legacy ? JAVA.legacyPointerClass : JAVA.pointerClass}", {"s3BucketName": "${bucket}", "s3Key": "${key}"}]`;
}

/**
 * Java's receiveMessage: the legacy class name is replaced by the current one,
 * then Jackson reads a PayloadS3Pointer: a [typeId, object] array whose type id
 * must be that class; unknown properties are ignored. Throws as fromJson does.
 */
export function javaReadPointer(body: string): { bucket: string; key: string } {
  const replaced = body.replace(JAVA.legacyPointerClass, JAVA.pointerClass);
  const value = JSON.parse(replaced) as unknown;
  if (!Array.isArray(value) || value.length !== 2 || value[0] !== JAVA.pointerClass)
    throw new Error("Failed to read the S3 object pointer");
  const fields = value[1] as { s3BucketName?: unknown; s3Key?: unknown };
  if (typeof fields !== "object" || fields === null) throw new Error("Failed to read the S3 object pointer");
  return { bucket: String(fields.s3BucketName), key: String(fields.s3Key) };
}

/** getReservedAttributeNameIfPresent: the current name first, then the legacy one. */
export function javaReservedAttribute(attributes: Attributes): string | undefined {
  if (attributes[JAVA.reservedName] !== undefined) return JAVA.reservedName;
  if (attributes[JAVA.legacyReservedName] !== undefined) return JAVA.legacyReservedName;
  return undefined;
}

/** embedS3PointerInReceiptHandle. */
export function javaEmbed(receiptHandle: string, bucket: string, key: string): string {
  return JAVA.bucketMarker + bucket + JAVA.bucketMarker + JAVA.keyMarker + key + JAVA.keyMarker + receiptHandle;
}

/** isS3ReceiptHandle. */
export function javaIsS3ReceiptHandle(receiptHandle: string): boolean {
  return receiptHandle.includes(JAVA.bucketMarker) && receiptHandle.includes(JAVA.keyMarker);
}

/** getOrigReceiptHandle: what follows the second key marker. */
export function javaOriginalReceiptHandle(receiptHandle: string): string {
  const second = receiptHandle.indexOf(JAVA.keyMarker, receiptHandle.indexOf(JAVA.keyMarker) + 1);
  return receiptHandle.substring(second + JAVA.keyMarker.length);
}

/** getMessagePointerFromModifiedReceiptHandle via getFromReceiptHandleByMarker. */
export function javaPointerFromReceiptHandle(receiptHandle: string): { bucket: string; key: string } {
  const between = (marker: string) => {
    const first = receiptHandle.indexOf(marker);
    const second = receiptHandle.indexOf(marker, first + 1);
    return receiptHandle.substring(first + marker.length, second);
  };
  return { bucket: between(JAVA.bucketMarker), key: between(JAVA.keyMarker) };
}

/** isLarge: body plus attributes (name, type and value of each, UTF-8) strictly over the threshold. */
export function javaIsLarge(threshold: number, body: string, attributes: Attributes): boolean {
  let size = Buffer.byteLength(body);
  for (const [name, value] of Object.entries(attributes)) {
    size += Buffer.byteLength(name) + Buffer.byteLength(value?.DataType ?? "") + Buffer.byteLength(value?.StringValue ?? "");
  }
  return size > threshold;
}

/**
 * What Java sends for a large payload (storeMessageInS3 +
 * updateMessageAttributePayloadSize): the pointer body and a Number attribute
 * with the payload's UTF-8 size, under the legacy name by default.
 */
export function javaLargeMessage(
  bucket: string,
  key: string,
  payload: string,
  legacyName = true,
): { body: string; attributes: Record<string, { DataType: string; StringValue: string }> } {
  return {
    body: javaPointerJson(bucket, key),
    attributes: {
      [legacyName ? JAVA.legacyReservedName : JAVA.reservedName]: { DataType: "Number", StringValue: String(Buffer.byteLength(payload)) },
    },
  };
}
