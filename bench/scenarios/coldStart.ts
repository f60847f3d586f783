import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { EMBEDDED_CREDENTIALS } from "../../host/embeddedSqs.js";
import { BENCH_DIST, benchScript, runNode } from "../childProcess.js";
import { interleavedRounds } from "../interleave.js";
import { freshQueueName } from "../measure.js";
import { iotRecord } from "../records.js";
import { emptyReport, ratioRange, type ScenarioReport } from "../report.js";
import { pairedRatios, summarize } from "../stats.js";
import type { BenchContext } from "./context.js";

const CLI = "CLI send (one document)";
const SDK_SCRIPT = "minimal SDK script";
const CONTENDERS = [CLI, SDK_SCRIPT];

/**
 * Scenario 5: from spawning `node` to the first result line on stdout, for the
 * CLI's `send` with one document and for a minimal SDK script. Each run sends
 * to a fresh queue; one unmeasured run of each warms the file system cache.
 */
export async function coldStart(context: BenchContext): Promise<ScenarioReport> {
  const scenario = "5. Cold start";
  const report = emptyReport();
  const directory = mkdtempSync(path.join(tmpdir(), "sqs-connector-bench-"));
  try {
    const { endpoint, region } = context.emulator;
    const connectionFile = path.join(directory, "connection.json");
    const inputFile = path.join(directory, "one.ndjson");
    writeFileSync(connectionFile, JSON.stringify({ authType: "accessKeys", ...EMBEDDED_CREDENTIALS, region, endpoint }));
    writeFileSync(inputFile, `${JSON.stringify({ body: iotRecord(0, 1) })}\n`);
    const runOnce = async (contender: string): Promise<number> => {
      const queueUrl = await context.emulator.createQueue(freshQueueName("cold", false));
      const output =
        contender === CLI
          ? await runNode(
              path.join(BENCH_DIST, "../host/cli.js"),
              ["send", "--connection", connectionFile, "--queue-url", queueUrl, "--input", inputFile],
              "cold start cli",
            )
          : await runNode(benchScript("coldStartSdk.js"), [endpoint, region, queueUrl], "cold start sdk");
      await context.emulator.deleteQueue(queueUrl);
      return output.firstOutputMs;
    };
    for (const contender of CONTENDERS) await runOnce(contender);
    const samples = await interleavedRounds(context.rounds, CONTENDERS, runOnce);
    const cli = samples.get(CLI)!;
    const sdk = samples.get(SDK_SCRIPT)!;
    report.rows.push(
      {
        scenario,
        contender: CLI,
        metric: "ms to first result",
        summary: summarize(cli),
        relative: `${ratioRange(summarize(pairedRatios(cli, sdk)))} ${SDK_SCRIPT}`,
      },
      { scenario, contender: SDK_SCRIPT, metric: "ms to first result", summary: summarize(sdk) },
    );
    report.notes.push(
      "Cold start: wall time from spawning node to the first byte of the result on stdout; the CLI also reads the queue's attributes (GetQueueAttributes) before it sends.",
    );
    return report;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
