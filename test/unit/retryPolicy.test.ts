import assert from "node:assert/strict";
import { retryDelayMs, retrying, sleep, type RetryPolicy } from "../../core/retryPolicy.js";

describe("the retry policy", () => {
  const quick: RetryPolicy = { attempts: 4, baseDelayMs: 1, maxDelayMs: 2 };
  const transient = new Error("transient");
  const permanent = new Error("permanent");
  const retryable = (error: unknown): boolean => error === transient;

  const cases: Array<[string, Array<Error | "ok">, number, Error | "ok"]> = [
    ["succeeds at once", ["ok"], 1, "ok"],
    ["retries a transient failure until it passes", [transient, transient, "ok"], 3, "ok"],
    ["stops at the attempt limit and throws the last failure", [transient, transient, transient, transient, "ok"], 4, transient],
    ["does not retry a failure that is not retryable", [transient, permanent, "ok"], 2, permanent],
  ];
  for (const [name, outcomes, expectedAttempts, expected] of cases) {
    it(name, async () => {
      let attempts = 0;
      const outcome = await retrying(
        quick,
        async (n) => {
          attempts = n;
          const next = outcomes[n - 1]!;
          if (next !== "ok") throw next;
          return "ok" as const;
        },
        { retryable },
      ).catch((error: Error) => error);
      assert.equal(attempts, expectedAttempts);
      assert.equal(outcome, expected);
    });
  }

  it("ends the wait between attempts when the signal aborts, throwing the last failure", async () => {
    const slow: RetryPolicy = { attempts: 5, baseDelayMs: 3_600_000, maxDelayMs: 3_600_000 };
    const controller = new AbortController();
    let attempts = 0;
    const run = retrying(
      slow,
      async (n) => {
        attempts = n;
        throw transient;
      },
      { retryable, signal: controller.signal, onRetry: () => setImmediate(() => controller.abort()) },
    );
    await assert.rejects(run, (error) => error === transient);
    assert.equal(attempts, 1);
  });

  it("keeps every delay within its full-jitter ceiling", () => {
    const policy: RetryPolicy = { attempts: 10, baseDelayMs: 50, maxDelayMs: 400 };
    for (let retry = 1; retry <= 8; retry++) {
      const ceiling = Math.min(400, 50 * 2 ** (retry - 1));
      for (let i = 0; i < 50; i++) {
        const delay = retryDelayMs(policy, retry);
        assert.ok(delay >= 0 && delay < ceiling, `retry ${retry}: ${delay} within [0, ${ceiling})`);
      }
    }
  });

  it("sleeps no longer than the signal allows", async () => {
    const controller = new AbortController();
    controller.abort();
    await sleep(3_600_000, controller.signal);
  });
});
