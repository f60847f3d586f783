import assert from "node:assert/strict";
import { AdaptiveConcurrency, fixedConcurrency } from "../../operations/pipeline/concurrencyLimit.js";

/**
 * A controller and a way to run it: `epoch()` completes one epoch (as many
 * requests as the limit allowed when it began), each request taking
 * `latencyMs`, with work waiting for a slot unless `held` is false.
 */
function controller(bounds = { initial: 8, maximum: 64 }) {
  const congestion = { events: 0 };
  const limit = new AdaptiveConcurrency(bounds, congestion);
  return {
    limit,
    congestion,
    epoch(latencyMs = 80, held = true): number {
      const requests = limit.current;
      for (let i = 0; i < requests; i++) {
        if (held) limit.held();
        limit.completed(latencyMs);
      }
      return limit.current;
    },
  };
}

describe("concurrency limit", () => {
  it("pinned: stays at the chosen number whatever happens", () => {
    const limit = fixedConcurrency(5);
    for (let i = 0; i < 100; i++) {
      limit.held();
      limit.completed(1);
    }
    assert.equal(limit.current, 5);
  });

  it("auto: starts at the initial limit, doubles per round trip while round trips hold, and stops at the maximum", () => {
    const run = controller();
    assert.equal(run.limit.current, 8);
    // A far endpoint: 80 ms whatever is in flight.
    assert.deepEqual(
      [1, 2, 3, 4, 5].map(() => run.epoch(80)),
      [16, 32, 64, 64, 64],
    );
  });

  it("auto: does not grow while round trips show requests queueing (a saturated endpoint or client, as on loopback)", () => {
    const run = controller();
    // A lone first request: the fastest round trip of the run.
    run.limit.completed(1);
    // With 8 in flight each request takes 8 times as long: they wait for one another. The running
    // average of round trips needs a few of them to show it; then the limit goes back to where it began.
    const limits = [1, 2, 3, 4].map(() => run.epoch(8));
    assert.ok(limits[0]! < 12, `grew to ${limits[0]} while requests queued`);
    assert.deepEqual(limits.slice(1), [8, 8, 8]);
  });

  it("auto: eases back towards where round trips begin to queue after slow start overshoots it", () => {
    const run = controller();
    // 20 ms away; beyond 32 in flight requests queue in this process, 2 ms longer for each one more.
    const latency = () => 20 + Math.max(0, run.limit.current - 32) * 2;
    const limits = Array.from({ length: 12 }, () => run.epoch(latency()));
    assert.equal(Math.max(...limits), 64, "slow start reaches the maximum before the queueing shows");
    // Round trips within 3 times the fastest (60 ms): about 52 in flight.
    for (const limit of limits.slice(-4)) assert.ok(limit >= 44 && limit <= 56, `settled at ${limit}`);
  });

  it("auto: grows only when work waited for a slot (the input, not the limit, set the pace otherwise)", () => {
    const run = controller();
    assert.deepEqual(
      [1, 2, 3].map(() => run.epoch(80, false)),
      [8, 8, 8],
    );
  });

  it("auto: halves on throttling or server errors, once per epoch, then increases by one per epoch", () => {
    const run = controller();
    run.epoch();
    run.epoch();
    assert.equal(run.limit.current, 32);
    // Three requests of one window come back throttled: one decrease.
    for (let i = 0; i < 3; i++) {
      run.congestion.events += 1;
      run.limit.completed();
    }
    assert.equal(run.limit.current, 16);
    assert.deepEqual(
      [1, 2].map(() => run.epoch()),
      [17, 18],
    );
  });

  it("auto: never goes below one request, nor starts above the maximum", () => {
    const run = controller({ initial: 2, maximum: 64 });
    for (let i = 0; i < 5; i++) {
      run.congestion.events += 1;
      run.limit.completed();
      run.epoch(80, false);
    }
    assert.equal(run.limit.current, 1);
    assert.equal(controller({ initial: 8, maximum: 4 }).limit.current, 4);
  });
});
