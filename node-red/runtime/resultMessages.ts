import type { NodeAPI, NodeMessage, NodeMessageInFlow } from "node-red";
import type { DocumentError } from "../../connector/index.js";

/** Node-RED's per-message callbacks for the outputs and for completion. */
export type SendFunction = (msg: Array<NodeMessage | null>) => void;
export type DoneFunction = (err?: Error) => void;

/** The outputs every operation node has: results first, error results second (so flows can route failures). */
export const OUTPUTS = 2;

/**
 * Results become messages on two outputs: a success carries the operation's
 * output document as `payload`; an error result carries what failed as
 * `payload` (the input document, or what the connector could tell about it)
 * and the error (`code`, `message`, `retryable`, `field`) as `error`. The
 * triggering message is reused for a single result and copied (all but its
 * payload) when one message brings many, so its other properties (topic,
 * correlation ids) travel along.
 */
export class ResultMessages {
  constructor(
    private readonly RED: NodeAPI,
    private readonly trigger: NodeMessageInFlow | undefined,
    private readonly expected: number | undefined,
  ) {}

  success(document: unknown): Array<NodeMessage | null> {
    return [{ ...this.base(), payload: document }, null];
  }

  error(payload: unknown, error: DocumentError): Array<NodeMessage | null> {
    return [null, { ...this.base(), payload, error }];
  }

  private base(): NodeMessage {
    if (this.trigger === undefined) return {};
    if (this.expected === 1) return this.trigger;
    // Every result replaces the payload, so it is not copied: a copy per result of a payload of many documents
    // costs their square, and a body nested thousands of levels deep overflowed the copy's stack, failing its neighbours.
    const { payload: _replaced, ...properties } = this.trigger;
    return this.RED.util.cloneMessage(properties);
  }
}
