import assert from "node:assert/strict";
import { runNoLoss, type NoLossReport } from "./noLossRun.js";

function assertNothingLost(report: NoLossReport): void {
  const summary = JSON.stringify({
    ...report,
    neverReceived: report.neverReceived.slice(0, 10),
    missingAfterSend: report.missingAfterSend.slice(0, 10),
  });
  assert.equal(report.sendResults, report.documents, `one result per input document: ${summary}`);
  assert.ok(report.sendResultIndexesUnique, "no document has two results");
  assert.deepEqual(report.sendFailed, [], `retries absorb the injected faults: ${summary}`);
  assert.deepEqual(report.missingAfterSend, [], "every success is really on the queue");
  assert.equal(report.deleteResults, report.deleteInputs, `one delete result per received document: ${summary}`);
  assert.equal(report.deleteFailed, 0, summary);
  assert.deepEqual(report.neverReceived, [], `every message sent was received: ${summary}`);
  assert.equal(report.endDepth, 0, `the queue ends empty: ${summary}`);
  for (const fault of ["status500", "throttle", "resetBefore", "resetAfter", "delay", "partialBefore", "partialAfter"] as const) {
    assert.ok(report.faults[fault] > 0, `the run injected ${fault}`);
  }
}

describe("no loss under faults (10 % of requests faulted)", function () {
  this.timeout(120_000);

  it("FIFO: 5,000 documents sent, received and deleted; retries add no duplicates and every group keeps its order", async () => {
    const report = await runNoLoss({ documents: 5000, faultRate: 0.1, fifo: true, groups: 50, seed: 7 });
    assertNothingLost(report);
    assert.equal(report.duplicatesOnQueue, 0, "same deduplication ids on retry");
    assert.equal(report.orderViolations, 0);
  });

  it("standard: 5,000 documents sent, received and deleted (at-least-once: ambiguous failures may duplicate)", async () => {
    const report = await runNoLoss({ documents: 5000, faultRate: 0.1, fifo: false, groups: 1, seed: 11 });
    assertNothingLost(report);
  });
});
