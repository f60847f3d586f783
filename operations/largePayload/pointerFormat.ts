/**
 * The wire format of AWS's SQS Extended Client Library (Java) and its Python
 * port, byte for byte: the pointer a message carries instead of its body, the
 * reserved message attribute that marks it, and the receipt handle that
 * carries the pointer to delete. Pure functions; no S3 or SQS calls here.
 */

/**
 * The pointer class names a body may name. Java writes the first (Jackson's
 * default typing of software.amazon.payloadoffloading.PayloadS3Pointer,
 * awslabs/payload-offloading-java-common-lib-for-aws
 * src/main/java/software/amazon/payloadoffloading/{PayloadS3Pointer,JsonDataConverter}.java);
 * Java before 1.2 and Python's legacy mode write the second
 * (awslabs/amazon-sqs-python-extended-client-lib src/sqs_extended_client/client.py
 * LEGACY_MESSAGE_POINTER_CLASS), which Java 2.x still reads
 * (awslabs/amazon-sqs-java-extended-client-lib AmazonSQSExtendedClient.java receiveMessage).
 */
export const POINTER_CLASS = "software.amazon.payloadoffloading.PayloadS3Pointer";
export const LEGACY_POINTER_CLASS = "com.amazon.sqs.javamessaging.MessageS3Pointer";

/**
 * The reserved Number attribute holding the payload's size in bytes. Java sends
 * the legacy name unless told otherwise (ExtendedClientConfiguration
 * useLegacyReservedAttributeName = true) and its 1.x versions read only it;
 * Python sends the current one by default. Both read both
 * (AmazonSQSExtendedClientUtil.java RESERVED_ATTRIBUTE_NAMES; client.py).
 */
export const SIZE_ATTRIBUTE = { legacy: "SQSLargePayloadSize", current: "ExtendedPayloadSize" } as const;
export const SIZE_ATTRIBUTE_NAMES: readonly string[] = [SIZE_ATTRIBUTE.legacy, SIZE_ATTRIBUTE.current];
/** DataType "Number", the value the size in decimal (updateMessageAttributePayloadSize: Long.toString). */
export const SIZE_ATTRIBUTE_TYPE = "Number";

/**
 * Markers around the bucket and the key in front of SQS's own receipt handle
 * (SQSExtendedClientConstants S3_BUCKET_NAME_MARKER, S3_KEY_MARKER), in this
 * order: bucket marker, bucket, bucket marker, key marker, key, key marker,
 * handle (AmazonSQSExtendedClientUtil.embedS3PointerInReceiptHandle). Neither
 * can occur in a bucket name, which allows no "..".
 */
export const BUCKET_MARKER = "-..s3BucketName..-";
export const KEY_MARKER = "-..s3Key..-";

/** Where a payload is: what a pointer names. */
export interface S3Location {
  bucket: string;
  key: string;
}

/**
 * The message body that points at a stored payload, exactly as Jackson writes
 * PayloadS3Pointer.toJson(): a type-tagged array, properties in declaration
 * order, no whitespace. JSON.stringify escapes what Jackson escapes for every
 * key and bucket the connector writes (letters, digits, . / _ - and a UUID).
 */
export function pointerBody(location: S3Location): string {
  return JSON.stringify([POINTER_CLASS, { s3BucketName: location.bucket, s3Key: location.key }]);
}

/**
 * The location a pointer body names, or why it names none. Parsed as JSON, as
 * both libraries do (Python writes spaces after separators; Jackson ignores
 * properties it does not know): a two-element array of a known class name and
 * an object with a non-empty string s3BucketName and s3Key.
 */
export function parsePointerBody(body: string): S3Location | { invalid: string } {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { invalid: "the body is not JSON" };
  }
  if (!Array.isArray(value) || value.length !== 2) return { invalid: "the body is not a [class, {s3BucketName, s3Key}] pointer" };
  const [className, fields] = value as [unknown, unknown];
  if (className !== POINTER_CLASS && className !== LEGACY_POINTER_CLASS) {
    return { invalid: `the pointer class ${JSON.stringify(className)} is neither ${POINTER_CLASS} nor ${LEGACY_POINTER_CLASS}` };
  }
  if (fields === null || typeof fields !== "object" || Array.isArray(fields))
    return { invalid: "the pointer has no {s3BucketName, s3Key} object" };
  const { s3BucketName, s3Key } = fields as { s3BucketName?: unknown; s3Key?: unknown };
  if (typeof s3BucketName !== "string" || s3BucketName === "" || typeof s3Key !== "string" || s3Key === "") {
    return { invalid: "the pointer's s3BucketName and s3Key must be non-empty strings" };
  }
  if ([s3BucketName, s3Key].some((part) => part.includes(BUCKET_MARKER) || part.includes(KEY_MARKER))) {
    // No library writes one (bucket names and the Java library's key prefixes allow no ".."); the marked handle could not be split back.
    return { invalid: "the pointer's s3BucketName or s3Key holds a receipt-handle marker" };
  }
  return { bucket: s3BucketName, key: s3Key };
}

/** SQS's receipt handle with the pointer in front, as the libraries hand it to their callers. */
export function markedReceiptHandle(location: S3Location, receiptHandle: string): string {
  return `${BUCKET_MARKER}${location.bucket}${BUCKET_MARKER}${KEY_MARKER}${location.key}${KEY_MARKER}${receiptHandle}`;
}

/** Whether a handle carries a pointer: both markers present (AmazonSQSExtendedClientUtil.isS3ReceiptHandle). */
export function isMarkedReceiptHandle(receiptHandle: string): boolean {
  return receiptHandle.includes(BUCKET_MARKER) && receiptHandle.includes(KEY_MARKER);
}

export type MarkedHandle = { location: S3Location; receiptHandle: string } | { invalid: string };

/**
 * Splits a marked handle into the pointer and SQS's own handle: the handle is
 * what follows the second key marker (getOrigReceiptHandle), the bucket and
 * key what the marker pairs enclose (getFromReceiptHandleByMarker). The
 * markers must stand where the libraries put them, at the start and in order,
 * so a handle cannot smuggle a second pointer past the first.
 */
export function splitMarkedReceiptHandle(marked: string): MarkedHandle {
  if (!marked.startsWith(BUCKET_MARKER)) return { invalid: "the receipt handle does not start with the bucket marker" };
  const bucketEnd = marked.indexOf(BUCKET_MARKER, BUCKET_MARKER.length);
  if (bucketEnd <= BUCKET_MARKER.length) return { invalid: "the receipt handle's bucket is empty or unterminated" };
  const keyStart = bucketEnd + BUCKET_MARKER.length;
  if (!marked.startsWith(KEY_MARKER, keyStart)) return { invalid: "the key marker does not follow the bucket" };
  const keyEnd = marked.indexOf(KEY_MARKER, keyStart + KEY_MARKER.length);
  if (keyEnd <= keyStart + KEY_MARKER.length) return { invalid: "the receipt handle's key is empty or unterminated" };
  const receiptHandle = marked.slice(keyEnd + KEY_MARKER.length);
  if (receiptHandle === "") return { invalid: "no SQS receipt handle follows the markers" };
  return {
    location: { bucket: marked.slice(BUCKET_MARKER.length, bucketEnd), key: marked.slice(keyStart + KEY_MARKER.length, keyEnd) },
    receiptHandle,
  };
}
