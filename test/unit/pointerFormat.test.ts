import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import {
  markedReceiptHandle,
  parsePointerBody,
  pointerBody,
  SIZE_ATTRIBUTE,
  splitMarkedReceiptHandle,
} from "../../operations/largePayload/pointerFormat.js";
import {
  JAVA,
  javaEmbed,
  javaIsS3ReceiptHandle,
  javaOriginalReceiptHandle,
  javaPointerFromReceiptHandle,
  javaPointerJson,
  javaReadPointer,
  pythonPointerJson,
} from "../support/extendedClientRules.js";

describe("large-payload pointer format (AWS's SQS Extended Client Library)", () => {
  const location = { bucket: "orders-payloads.eu", key: `payloads/2026/${randomUUID()}` };

  it("writes the pointer body byte for byte as Jackson writes PayloadS3Pointer, and Java reads it back", () => {
    assert.equal(
      pointerBody({ bucket: "b", key: "k" }),
      '["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":"b","s3Key":"k"}]',
    );
    assert.equal(pointerBody(location), javaPointerJson(location.bucket, location.key));
    assert.deepEqual(javaReadPointer(pointerBody(location)), location);
  });

  it("uses the libraries' reserved attribute names", () => {
    assert.deepEqual(SIZE_ATTRIBUTE, { legacy: JAVA.legacyReservedName, current: JAVA.reservedName });
  });

  const readable: Array<[string, string]> = [
    ["Java 1.2+ / 2.x", javaPointerJson(location.bucket, location.key)],
    ["Python (current class)", pythonPointerJson(location.bucket, location.key)],
    ["Python legacy mode and Java before 1.2 (MessageS3Pointer)", pythonPointerJson(location.bucket, location.key, true)],
    [
      "extra properties, as Jackson ignores them",
      `["${JAVA.pointerClass}",{"s3BucketName":"${location.bucket}","s3Key":"${location.key}","v":2}]`,
    ],
  ];
  for (const [producer, body] of readable) {
    it(`reads the pointer of ${producer}`, () => {
      assert.deepEqual(parsePointerBody(body), location);
      assert.deepEqual(javaReadPointer(body), location, "and so does Java");
    });
  }

  const unreadable: Array<[string, string]> = [
    ["not JSON", "payload text"],
    ["an object", `{"s3BucketName":"b","s3Key":"k"}`],
    ["another class", `["com.example.Pointer",{"s3BucketName":"b","s3Key":"k"}]`],
    ["three elements", `["${JAVA.pointerClass}",{"s3BucketName":"b","s3Key":"k"},1]`],
    ["no key", `["${JAVA.pointerClass}",{"s3BucketName":"b"}]`],
    ["an empty bucket", `["${JAVA.pointerClass}",{"s3BucketName":"","s3Key":"k"}]`],
    ["a numeric key", `["${JAVA.pointerClass}",{"s3BucketName":"b","s3Key":7}]`],
    // Its marked receipt handle would split at the marker: the message could never be deleted by its document.
    ["a key holding a receipt-handle marker", `["${JAVA.pointerClass}",{"s3BucketName":"b","s3Key":"k${JAVA.keyMarker}x"}]`],
  ];
  for (const [what, body] of unreadable) {
    it(`refuses a pointer body that is ${what}`, () => {
      assert.ok("invalid" in parsePointerBody(body));
    });
  }

  it("marks receipt handles as embedS3PointerInReceiptHandle does, and Java's rules split them back", () => {
    const handle = "AQEBzWwaftRI0KuVm4tP+/7q1rGgNqicHq0RZ9Q==";
    const marked = markedReceiptHandle(location, handle);
    assert.equal(marked, javaEmbed(handle, location.bucket, location.key));
    assert.equal(marked, `-..s3BucketName..-${location.bucket}-..s3BucketName..--..s3Key..-${location.key}-..s3Key..-${handle}`);
    assert.ok(javaIsS3ReceiptHandle(marked));
    assert.equal(javaOriginalReceiptHandle(marked), handle);
    assert.deepEqual(javaPointerFromReceiptHandle(marked), location);
    assert.deepEqual(splitMarkedReceiptHandle(marked), { location, receiptHandle: handle });
  });

  it("splits a handle the Java library produced, whatever SQS's own handle holds (dashes, markers' characters)", () => {
    for (const handle of ["a-b-c", "x..y", "-..s3Key", randomUUID()]) {
      const libraryHandle = javaEmbed(handle, location.bucket, location.key);
      assert.deepEqual(splitMarkedReceiptHandle(libraryHandle), { location, receiptHandle: handle });
      assert.equal(javaOriginalReceiptHandle(libraryHandle), handle);
    }
  });

  const malformed: Array<[string, string]> = [
    ["markers not at the start", `x${javaEmbed("h", "b", "k")}`],
    ["an empty bucket", `${JAVA.bucketMarker}${JAVA.bucketMarker}${JAVA.keyMarker}k${JAVA.keyMarker}h`],
    ["an empty key", `${JAVA.bucketMarker}b${JAVA.bucketMarker}${JAVA.keyMarker}${JAVA.keyMarker}h`],
    ["no handle after them", javaEmbed("", "b", "k")],
    ["the key marker missing after the bucket", `${JAVA.bucketMarker}b${JAVA.bucketMarker}h${JAVA.keyMarker}k${JAVA.keyMarker}`],
  ];
  for (const [what, handle] of malformed) {
    it(`refuses a marked receipt handle with ${what}`, () => {
      assert.ok("invalid" in splitMarkedReceiptHandle(handle));
    });
  }
});
