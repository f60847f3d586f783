/**
 * The connector's one retry policy: a bounded number of attempts, exponential
 * backoff with full jitter, and a sleep that an abort signal ends at once.
 *
 * How it combines with the AWS SDK's own retries (the one place this is stated):
 * - Every AWS SDK request (SQS and the other services) is retried by the SDK's
 *   standard strategy: at most the connection's `maxAttempts` HTTP attempts
 *   (default 3) for throttling, server and network errors, with the SDK's
 *   backoff and retry quota.
 * - This policy retries only what the SDK cannot see or has given up on:
 *   - batch entries: an entry the service failed on its side, or a whole batch
 *     that still failed transiently after the SDK's attempts, is sent again with
 *     the same ids, up to the operation's `maxEntryAttempts` (putRecords:
 *     `maxRecordAttempts`, the same for a Kinesis record; default 6) batch
 *     calls in all. An entry therefore travels in at most
 *     `maxAttempts` x `maxEntryAttempts` HTTP requests (3 x 6 = 18 by default);
 *   - CreateSession of IAM Roles Anywhere, signed by hand and sent without the
 *     SDK: `maxAttempts` attempts in all (one HTTP request each);
 *   - polling (receive): a poll that failed after the SDK's attempts is repeated,
 *     at most `POLL_RETRY.attempts` times in a row before the run fails;
 *   - polling (listen): a listener outlives outages, so a poll that failed
 *     transiently is repeated without limit, backing off up to
 *     `LISTEN_POLL_RETRY.maxDelayMs`; only a failure that is not transient
 *     (credentials, permissions, missing queue) ends it. Its acknowledgements and
 *     visibility changes are batch entries (above), with delete's and
 *     changeVisibility's default `maxEntryAttempts`.
 * - What this policy never repeats: the S3 calls of large payloads (PutObject,
 *   each part of a multipart upload, GetObject, DeleteObject), a listener's
 *   SendMessage to its dead-letter queue, and the single lookups (GetQueueUrl,
 *   GetQueueAttributes, DescribeStreamSummary, ListQueues, ListStreams) are one
 *   SDK request each: at most `maxAttempts` HTTP attempts. A failed upload or
 *   read becomes its document's error result; a listener's message comes back
 *   after its backoff and is tried again on a later receive.
 */
export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  readonly attempts: number;
  /** Ceiling of the first retry's delay; it doubles with each further retry. */
  readonly baseDelayMs: number;
  /** Ceiling of any one delay. */
  readonly maxDelayMs: number;
}

/** Polls that fail in a row (each already retried by the SDK) before a receive run gives up. */
export const POLL_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 200, maxDelayMs: 5_000 };

/** Polls of a listener: tried until they succeed or the listener stops; at most 30 s between tries. */
export const LISTEN_POLL_RETRY: RetryPolicy = { attempts: Number.POSITIVE_INFINITY, baseDelayMs: 200, maxDelayMs: 30_000 };

/** Batch entries: the operation's maxEntryAttempts (maxRecordAttempts), short first delays (SQS and Kinesis recover fast). */
export function batchEntryRetry(attempts: number): RetryPolicy {
  return { attempts, baseDelayMs: 50, maxDelayMs: 5_000 };
}

/** CreateSession: the connection's maxAttempts, with delays that spare the service's rate limit. */
export function sessionRetry(attempts: number): RetryPolicy {
  return { attempts, baseDelayMs: 200, maxDelayMs: 5_000 };
}

/** Full jitter: the delay before retry n (1 = the first retry) is uniform in [0, min(max, base * 2^(n-1))). */
export function retryDelayMs(policy: RetryPolicy, retry: number): number {
  return Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
}

/** Sleeps, waking early (without throwing) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}

export interface RetryOptions {
  /** Whether a failure may pass on its own (throttling, server error, network). */
  retryable(error: unknown): boolean;
  /** Ends the waiting: the last failure is thrown instead of another attempt. */
  signal?: AbortSignal | undefined;
  onRetry?(error: unknown, attempt: number): void;
}

/**
 * Runs `attempt` until it succeeds, fails for a reason that is not retryable,
 * or has been tried `policy.attempts` times; throws the last failure.
 */
export async function retrying<T>(policy: RetryPolicy, attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const aborted = (): boolean => options.signal?.aborted === true;
  for (let n = 1; ; n += 1) {
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= policy.attempts || !options.retryable(error) || aborted()) throw error;
      options.onRetry?.(error, n);
      await sleep(retryDelayMs(policy, n), options.signal);
      if (aborted()) throw error;
    }
  }
}
