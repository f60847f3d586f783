import { documentError, type DocumentError } from "../../core/errors.js";
import type { Logger } from "../../core/host.js";
import type { OperationResult } from "../../core/types.js";
import { describeAllowed, isAllowed, type ReadSettings } from "./payloadSettings.js";
import type { PayloadStore } from "./payloadStore.js";
import { isMarkedReceiptHandle, splitMarkedReceiptHandle, type S3Location } from "./pointerFormat.js";

/** What deleting a message by a receipt handle involves: SQS's own handle, and the payload object to remove after it. */
export interface Release {
  receiptHandle: string;
  payload?: { location: S3Location; keep?: string };
}

/** What became of a payload object once its message was deleted (delete's output field largePayload). */
export interface Released {
  bucket: string;
  key: string;
  removed: boolean;
  reason?: string;
}

/**
 * What deleting a message with this receipt handle will do. A handle that
 * carries an S3 pointer (receive and the Extended Client Libraries make them)
 * is split: SQS gets its own handle, and the object is removed after the
 * message, if largePayload allows its bucket and key. Without largePayload the
 * message is still deleted and the object kept (a warning says so); a handle
 * naming a place largePayload does not allow is refused as a whole, so a
 * crafted handle can neither remove an object nor pass unnoticed.
 */
export function planRelease(receiptHandle: string, settings: ReadSettings | undefined): Release | { error: DocumentError } {
  if (!isMarkedReceiptHandle(receiptHandle)) return { receiptHandle };
  const split = splitMarkedReceiptHandle(receiptHandle);
  if ("invalid" in split) {
    return {
      error: documentError(
        "PAYLOAD_POINTER_INVALID",
        `The receipt handle carries S3 markers but ${split.invalid}: pass the receiptHandle as receive (or the Extended Client Library) produced it.`,
        { field: "receiptHandle" },
      ),
    };
  }
  const { location } = split;
  if (settings === undefined) {
    return { receiptHandle: split.receiptHandle, payload: { location, keep: "largePayload is not set, so no S3 object is removed" } };
  }
  if (!isAllowed(settings, location)) {
    return {
      error: documentError(
        "PAYLOAD_NOT_ALLOWED",
        `The receipt handle points at s3://${location.bucket}/${location.key}, which largePayload does not allow (${describeAllowed(settings)}): add the bucket (and prefix) to largePayload.allowedBuckets, or delete with SQS's own handle.`,
        { field: "receiptHandle", details: { largePayload: location } },
      ),
    };
  }
  return settings.retainPayloads
    ? { receiptHandle: split.receiptHandle, payload: { location, keep: "retainPayloads is set" } }
    : { receiptHandle: split.receiptHandle, payload: { location } };
}

/**
 * Removes the objects of messages that were deleted, after their deletion (the
 * Java library removes the object first; a failed message delete would then
 * leave a message whose payload is gone). A failed removal leaves the message
 * deleted and the object in place: reported, and logged.
 */
export class PayloadReleaser {
  constructor(
    private readonly store: PayloadStore | undefined,
    private readonly settings: ReadSettings | undefined,
    private readonly logger: Logger,
  ) {}

  /**
   * A delete batch's results, with the objects of the deleted messages removed
   * and each such result saying what became of its object (largePayload).
   */
  async afterBatch(
    items: ReadonlyArray<{ index: number; payload?: Release["payload"] }>,
    results: OperationResult[],
    signal?: AbortSignal,
  ): Promise<OperationResult[]> {
    const payloads = new Map(items.flatMap((item) => (item.payload === undefined ? [] : [[item.index, item.payload] as const])));
    return Promise.all(
      results.map(async (result) => {
        const payload = payloads.get(result.index);
        if (payload === undefined || result.status !== "success") return result;
        const largePayload = await this.afterDelete(payload, signal);
        return { ...result, document: { ...(result.document as Record<string, unknown>), largePayload } };
      }),
    );
  }

  async afterDelete(payload: NonNullable<Release["payload"]>, signal?: AbortSignal): Promise<Released> {
    const { bucket, key } = payload.location;
    if (payload.keep !== undefined || this.store === undefined) {
      const reason = payload.keep ?? "largePayload is not set, so no S3 object is removed";
      if (this.settings === undefined) this.logger.warn(`Deleted a message whose payload stays in s3://${bucket}/${key}: ${reason}.`);
      return { bucket, key, removed: false, reason };
    }
    try {
      await this.store.remove(payload.location, { expectedBucketOwner: this.settings?.expectedBucketOwner, signal });
      return { bucket, key, removed: true };
    } catch (error) {
      const reason = `${(error as { code?: string }).code ?? "S3_REQUEST_REJECTED"}: ${(error as Error).message}`;
      this.logger.warn(`The message was deleted but its payload s3://${bucket}/${key} could not be removed (${reason}).`);
      return { bucket, key, removed: false, reason };
    }
  }
}
