import { isThrottlingError } from "@smithy/core/retry";
import type { MiddlewareStack } from "@smithy/types";
import type { CongestionSignal } from "../operations/pipeline/concurrencyLimit.js";

/**
 * Counts the requests of a connection's clients that the service throttled or
 * failed on its side: a 5xx or a throttling error (the SDK's own list of
 * throttling codes), and replies whose batch entries failed on the service's
 * side (SQS: Failed entries that are not the sender's fault; Kinesis:
 * throttled or failed records). The middleware sits inside the SDK's retries,
 * so every attempt counts, also those the SDK retries quietly; adaptive
 * concurrency (auto) halves on them. One counter per connection (pass it for
 * a second client): services throttle by account, and every run of the
 * connection backs off together.
 */
export function watchCongestion(
  client: { middlewareStack: Pick<MiddlewareStack<object, object>, "add"> },
  signal = { events: 0 },
): CongestionSignal {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        const result = await next(args);
        if (failedOnServiceSide(result.output)) signal.events += 1;
        return result;
      } catch (error) {
        if (isCongestion(error)) signal.events += 1;
        throw error;
      }
    },
    // High priority in the deserialize step: outside the deserializer (sees parsed replies and errors), inside the retries.
    { step: "deserialize", priority: "high", name: "congestionSignal" },
  );
  return signal;
}

function isCongestion(error: unknown): boolean {
  if (error === null || typeof error !== "object") return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return (status !== undefined && status >= 500) || isThrottlingError(error as Parameters<typeof isThrottlingError>[0]);
}

function failedOnServiceSide(output: unknown): boolean {
  const reply = output as { Failed?: Array<{ SenderFault?: boolean }>; FailedRecordCount?: number } | undefined;
  return reply?.Failed?.some((entry) => entry.SenderFault !== true) === true || (reply?.FailedRecordCount ?? 0) > 0;
}
