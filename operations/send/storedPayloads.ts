import { documentError, type DocumentError } from "../../core/errors.js";
import type { SentMessage } from "../../core/generated/send.output.js";
import type { OperationResult } from "../../core/types.js";
import type { PayloadStore } from "../largePayload/payloadStore.js";
import type { StoredPayload } from "./payloadOffload.js";

/** What became of a stored payload: its message not sent yet, sent, sent with an outcome nobody knows (or not removable), or removed. */
type Fate = "pending" | "sent" | "unknown" | "removed";

/**
 * The payloads send stored, by document index, until their document's result
 * is out. An object must never outlive a message that definitely did not
 * arrive, nor vanish under one that may have: it is removed when SQS refused
 * the message, or when the run ended before the message was sent; it is kept
 * when the outcome is unknown (a timeout, a reset, a server error after all
 * retries), and the result says where it is.
 */
export class StoredPayloads {
  private readonly byIndex = new Map<number, { payload: StoredPayload; fate: Fate }>();

  constructor(
    private readonly store: PayloadStore,
    private readonly expectedBucketOwner: string | undefined,
  ) {}

  add(index: number, payload: StoredPayload): void {
    this.byIndex.set(index, { payload, fate: "pending" });
  }

  /**
   * After a batch call: successes are sent; retryable failures are unknown
   * outcomes (SQS may have taken the message before the answer was lost); other
   * failures are refusals, whose objects are removed now.
   */
  async settleBatch(results: readonly OperationResult[]): Promise<void> {
    await Promise.all(
      results.map(async (result) => {
        const held = this.byIndex.get(result.index);
        if (held === undefined) return;
        if (result.status === "success") held.fate = "sent";
        else if (result.error.retryable) held.fate = "unknown";
        else await this.removeNow(result.index);
      }),
    );
  }

  /** A batch call that threw a fatal refusal (credentials, queue gone): nothing of it was sent. */
  async refused(indexes: readonly number[]): Promise<void> {
    await Promise.all(indexes.map((index) => this.removeNow(index)));
  }

  /** The document's result as the host sees it: where its payload went, and whether it was kept. */
  async annotate(result: OperationResult): Promise<OperationResult> {
    const held = this.byIndex.get(result.index);
    if (held === undefined) return result;
    if (held.fate === "pending") await this.removeNow(result.index); // never sent: the run stopped first
    this.byIndex.delete(result.index);
    const { bucket, key, size } = held.payload;
    if (result.status === "success") {
      return { ...result, document: { ...(result.document as SentMessage), largePayload: { bucket, key, size } } };
    }
    const kept = held.fate !== "removed";
    const note = kept
      ? ` The payload stays in s3://${bucket}/${key}: the message may have arrived; a lifecycle rule removes it if not.`
      : ` Its payload was removed from S3.`;
    const error: DocumentError = documentError(result.error.code, result.error.message + note, {
      retryable: result.error.retryable,
      ...(result.error.field === undefined ? {} : { field: result.error.field }),
      details: { ...result.error.details, largePayload: { bucket, key, size, kept } },
    });
    return { ...result, error };
  }

  private async removeNow(index: number): Promise<void> {
    const held = this.byIndex.get(index);
    if (held === undefined || held.fate === "removed") return;
    try {
      await this.store.remove(held.payload, { expectedBucketOwner: this.expectedBucketOwner });
      held.fate = "removed";
    } catch {
      // Kept; the result says so, and a lifecycle rule removes it.
      held.fate = "unknown";
    }
  }
}
