import type { ErrorCode } from "../../core/errorCodes.js";
import { ConnectorError, documentError, type DocumentError } from "../../core/errors.js";
import type { PipelineItem } from "./batchPipeline.js";

/**
 * How the batch pipeline turns what its injected steps throw or return amiss
 * into results: a preparer's fault is its document's error, a sender's fault
 * its batch's, and only a ConnectorError the step chose can be fatal.
 */

/** A prepared item the batching can rely on; anything else is the preparer's fault, reported for this document. */
export function usableItem<E>(item: PipelineItem<E> | undefined, index: number): PipelineItem<E> {
  const valid =
    item !== undefined &&
    item.index === index &&
    typeof item.batchKey === "string" &&
    (item.orderKey === undefined || typeof item.orderKey === "string") &&
    Number.isFinite(item.bytes) &&
    item.bytes >= 0;
  if (!valid) throw new Error("the preparer returned no usable batch entry");
  return item;
}

export function preparationError(error: unknown): DocumentError {
  if (error instanceof ConnectorError) return error.toDocumentError();
  const reason = error instanceof Error ? error.message : String(error);
  return documentError("DOCUMENT_INVALID", `This document could not be prepared (${reason}); check it against the input schema.`);
}

/** A failure as the run's error: a ConnectorError as it is; anything else the service's unclassified refusal. */
export function asFatal(error: unknown, rejectedCode: ErrorCode): ConnectorError {
  return error instanceof ConnectorError
    ? error
    : new ConnectorError(rejectedCode, `Unexpected failure: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
}
