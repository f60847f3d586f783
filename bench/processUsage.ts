import { writeFileSync } from "node:fs";
import { startRequestMeter } from "./requestMeter.js";

/*
 * Preloaded (node --import) into a whole process the bench times from outside
 * (the CLI, a hand-written script): at exit it writes the process's own CPU
 * time, peak RSS and HTTP requests to the file BENCH_USAGE_FILE names, the
 * same for every contender and nothing added to their code.
 */
const file = process.env["BENCH_USAGE_FILE"];
if (file !== undefined && file !== "") {
  const meter = startRequestMeter();
  process.on("exit", () => {
    const cpu = process.cpuUsage();
    writeFileSync(
      file,
      JSON.stringify({ cpuUserUs: cpu.user, cpuSystemUs: cpu.system, maxRssKiB: process.resourceUsage().maxRSS, ...meter.stop() }),
    );
  });
}
