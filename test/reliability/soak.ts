// `npm run soak`: the no-loss scenario at scale (100,000 documents, 20 % of
// requests faulted) on a FIFO and a standard queue. Prints the figures the
// README's reliability section quotes; exits 1 if anything was lost.
import { runNoLoss, type NoLossReport } from "./noLossRun.js";

process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

const documents = Number(process.env["SOAK_DOCUMENTS"] ?? 100_000);
const faultRate = Number(process.env["SOAK_FAULT_RATE"] ?? 0.2);

function lost(report: NoLossReport): string[] {
  const problems: string[] = [];
  if (report.sendResults !== report.documents || !report.sendResultIndexesUnique) problems.push("not exactly one send result per document");
  if (report.sendFailed.length > 0) problems.push(`${report.sendFailed.length} send failures`);
  if (report.missingAfterSend.length > 0) problems.push(`${report.missingAfterSend.length} successes missing from the queue`);
  if (report.neverReceived.length > 0) problems.push(`${report.neverReceived.length} never received`);
  if (report.deleteResults !== report.deleteInputs || report.deleteFailed > 0) problems.push("delete results do not match");
  if (report.endDepth !== 0) problems.push(`${report.endDepth} left on the queue`);
  return problems;
}

const rows: string[] = [];
let failed = false;
for (const fifo of [true, false]) {
  const started = performance.now();
  const report = await runNoLoss({
    documents,
    faultRate,
    fifo,
    groups: 50,
    seed: fifo ? 2026 : 1123,
    log: (line) => process.stderr.write(`[${fifo ? "fifo" : "standard"}] ${line}\n`),
  });
  const problems = lost(report);
  if (fifo && (report.duplicatesOnQueue > 0 || report.orderViolations > 0))
    problems.push(`${report.duplicatesOnQueue} duplicates, ${report.orderViolations} order violations`);
  failed ||= problems.length > 0;
  const faults = report.faults.requests - report.faults.none;
  rows.push(
    `| ${fifo ? "FIFO, 50 groups" : "standard"} | ${report.documents.toLocaleString("en-US")} | ${report.faults.requests.toLocaleString("en-US")} | ${faults.toLocaleString("en-US")} | ${report.sendSucceeded.toLocaleString("en-US")} | ${report.duplicatesOnQueue} | ${report.orderViolations} | ${report.drainRounds} | ${report.endDepth} | ${report.sendSeconds.toFixed(0)} s + ${report.drainSeconds.toFixed(0)} s | ${problems.length === 0 ? "nothing lost" : problems.join("; ")} |`,
  );
  process.stderr.write(
    `[${fifo ? "fifo" : "standard"}] done in ${((performance.now() - started) / 1000).toFixed(0)} s: ${JSON.stringify(report.faults)}\n`,
  );
}
console.log(
  `Soak: ${documents.toLocaleString("en-US")} documents per queue, ${Math.round(faultRate * 100)} % of requests faulted (seeded), Node ${process.version}\n`,
);
console.log(
  "| queue | documents | requests | faulted | sent | duplicates on queue | order violations | drain rounds | left on queue | send + drain time | verdict |",
);
console.log("|---|---|---|---|---|---|---|---|---|---|---|");
for (const row of rows) console.log(row);
process.exitCode = failed ? 1 : 0;
