import { ConnectorError } from "../../core/errors.js";
import type { HttpReply } from "./httpTransport.js";

/** A skew the SDK corrects for SigV4 (the same threshold): under it, a refusal is not about the clock. */
const SKEW_THRESHOLD_MS = 240_000;
/** What the service says when the request's X-Amz-Date is outside its 5 minutes. */
const CLOCK_REFUSAL = /signature (expired|not yet current)|request (has )?expired|time.*skew|clock/i;

/**
 * The AWS SDK's clock-skew correction, for the CreateSession request we sign by
 * hand: when the service refuses the signature's time, its `Date` header says
 * what time it is; the request is signed again once with that clock. Kept per
 * CreateSession call (a session lasts up to an hour; a clock drifts).
 */
export class SigningClock {
  private offsetMs = 0;
  private corrected = false;

  constructor(private readonly now: () => number) {}

  /** The time to sign with: the host's clock plus the correction, once there is one. */
  signingDate(): Date {
    return new Date(this.now() + this.offsetMs);
  }

  /**
   * Looks at a refusal: if it is about the clock, returns the error to throw. A
   * first clock refusal whose Date header shows a skew becomes retryable (the
   * retry policy signs again with the corrected clock); one the correction
   * cannot fix becomes CLOCK_SKEW. Other refusals are returned unchanged.
   */
  judge(reply: HttpReply, failure: ConnectorError): ConnectorError {
    if (reply.status < 400 || reply.status >= 500 || !CLOCK_REFUSAL.test(reply.body)) return failure;
    const serverTime = Date.parse(headerValue(reply, "date") ?? "");
    const offset = Number.isNaN(serverTime) ? undefined : serverTime - this.now();
    if (!this.corrected && offset !== undefined && Math.abs(offset - this.offsetMs) >= SKEW_THRESHOLD_MS) {
      this.corrected = true;
      this.offsetMs = offset;
      const { field, step, details, cause } = failure;
      return new ConnectorError(failure.code, failure.message, { field, step, details, cause, retryable: true });
    }
    const off =
      offset === undefined
        ? ""
        : ` This host's clock is ${Math.round(Math.abs(offset) / 60_000)} minutes ${offset > 0 ? "behind" : "ahead of"} the service's.`;
    return new ConnectorError(
      "CLOCK_SKEW",
      `IAM Roles Anywhere refused the request's time, and signing it again with the service's time (its Date header) did not help.${off} Synchronise this host's clock (NTP) and try again. The service said: ${failure.message}`,
      { step: "credentials", details: failure.details, cause: failure },
    );
  }
}

function headerValue(reply: HttpReply, name: string): string | undefined {
  const value = reply.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
