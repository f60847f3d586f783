import type { Readable } from "node:stream";
import { ConnectorError } from "../../core/errors.js";
import type { S3Limits } from "../../core/manifest.js";
import { s3Error } from "../../core/s3Errors.js";
import type { S3Access } from "../context.js";
import type { S3Location } from "./pointerFormat.js";

/** What every call on a payload object carries. */
export interface ObjectCall {
  /** ExpectedBucketOwner: S3 refuses the call when another account owns the bucket. */
  expectedBucketOwner: string | undefined;
  signal?: AbortSignal | undefined;
}

const owner = (call: ObjectCall) => (call.expectedBucketOwner === undefined ? {} : { ExpectedBucketOwner: call.expectedBucketOwner });
const where = (location: S3Location) => `s3://${location.bucket}/${location.key}`;

/**
 * The three things large payloads do in S3, on the connection's client:
 * store a body, read one back (never more than a cap), remove one. Errors are
 * ConnectorErrors with the payload codes (core/s3Errors.ts).
 */
export class PayloadStore {
  constructor(
    private readonly s3: () => Promise<S3Access>,
    private readonly limits: S3Limits,
  ) {}

  /**
   * Stores the body's bytes: one PutObject up to a part's size, a multipart
   * upload in parts beyond it (lib-storage slices the buffer without copying
   * and aborts a failed upload). The single PutObject is sent here, not by
   * lib-storage, because lib-storage does not pass an abort signal to it.
   * Content-Type as Java's RequestBody.fromString sets it
   * (awslabs/payload-offloading-java-common-lib-for-aws S3Dao.storeTextInS3).
   */
  async store(location: S3Location, body: Buffer, call: ObjectCall): Promise<void> {
    const { client, sdk, Upload } = await this.s3();
    const params = { Bucket: location.bucket, Key: location.key, Body: body, ContentType: "text/plain; charset=UTF-8", ...owner(call) };
    const abortController = new AbortController();
    const abort = () => abortController.abort();
    call.signal?.addEventListener("abort", abort, { once: true });
    try {
      if (body.length <= this.limits.uploadPartBytes) {
        await client.send(new sdk.PutObjectCommand(params), { abortSignal: abortController.signal });
      } else {
        const upload = new Upload({
          client,
          params,
          partSize: this.limits.uploadPartBytes,
          queueSize: this.limits.uploadConcurrency,
          abortController,
        });
        await upload.done();
      }
    } catch (error) {
      throw s3Error(error, `Storing the payload in ${where(location)}`, "store");
    } finally {
      call.signal?.removeEventListener("abort", abort);
    }
  }

  /**
   * The object's bytes, read into one buffer of the size S3 announces; an
   * object larger than `maxBytes` is refused before its body is read.
   */
  async read(location: S3Location, maxBytes: number, call: ObjectCall): Promise<Buffer> {
    const { client, sdk } = await this.s3();
    let body: Readable;
    let length: number;
    try {
      const out = await client.send(new sdk.GetObjectCommand({ Bucket: location.bucket, Key: location.key, ...owner(call) }), {
        abortSignal: call.signal,
      });
      body = out.Body as Readable;
      length = out.ContentLength ?? -1;
    } catch (error) {
      throw s3Error(error, `Reading the payload ${where(location)}`, "read");
    }
    if (length > maxBytes) {
      body.destroy();
      throw tooLarge(location, length, maxBytes);
    }
    try {
      return await readAtMost(body, length, maxBytes, location);
    } catch (error) {
      throw error instanceof ConnectorError ? error : s3Error(error, `Reading the payload ${where(location)}`, "read");
    }
  }

  async remove(location: S3Location, call: ObjectCall): Promise<void> {
    const { client, sdk } = await this.s3();
    try {
      await client.send(new sdk.DeleteObjectCommand({ Bucket: location.bucket, Key: location.key, ...owner(call) }), {
        abortSignal: call.signal,
      });
    } catch (error) {
      throw s3Error(error, `Removing the payload ${where(location)}`, "remove");
    }
  }
}

/** Reads a stream into one buffer: preallocated when the length is known, stopped as soon as it passes `maxBytes`. */
async function readAtMost(body: Readable, length: number, maxBytes: number, location: S3Location): Promise<Buffer> {
  const known = length >= 0 ? Buffer.allocUnsafe(length) : undefined;
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (received + chunk.length > (known?.length ?? maxBytes)) {
      body.destroy();
      if (known === undefined) throw tooLarge(location, received + chunk.length, maxBytes);
      throw new ConnectorError("S3_REQUEST_REJECTED", `${where(location)} sent more bytes than the ${length} it announced.`, {
        step: "s3",
      });
    }
    if (known !== undefined) chunk.copy(known, received);
    else chunks.push(chunk);
    received += chunk.length;
  }
  if (known !== undefined && received !== known.length) {
    throw new ConnectorError("NETWORK_ERROR", `${where(location)} ended after ${received} of ${length} bytes.`, { step: "network" });
  }
  return known ?? Buffer.concat(chunks);
}

function tooLarge(location: S3Location, size: number, maxBytes: number): ConnectorError {
  return new ConnectorError(
    "PAYLOAD_TOO_LARGE",
    `The payload ${where(location)} has ${size} bytes, more than largePayload.maxPayloadBytes (${maxBytes}); raise it or deal with the message by its receipt handle.`,
    { field: "largePayload.maxPayloadBytes", step: "s3" },
  );
}
