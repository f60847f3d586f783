import path from "node:path";
import { withCliFiles } from "../cliFiles.js";
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
const TARGET_RATIO = 1.3;

/**
 * Scenario 5: from spawning `node` to the first result line on stdout, for the
 * CLI's `send` with one document and for a minimal SDK script. Each run sends
 * to a fresh queue; one unmeasured run of each warms the file system cache.
 */
export async function coldStart(context: BenchContext): Promise<ScenarioReport> {
  const scenario = "5. Cold start";
  const report = emptyReport();
  return withCliFiles(context.emulator, async ({ connection: connectionFile, write }) => {
    const { endpoint, region } = context.emulator;
    const inputFile = write("one.ndjson", `${JSON.stringify({ body: iotRecord(0, 1) })}\n`);
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
    const ratio = summarize(pairedRatios(cli, sdk));
    report.targets.push({
      scenario,
      target: `${CLI} <= ${TARGET_RATIO}x the ${SDK_SCRIPT}'s time to first result`,
      measured: ratioRange(ratio),
      met: ratio.median <= TARGET_RATIO,
    });
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
  });
}
