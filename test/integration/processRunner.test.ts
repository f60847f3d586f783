import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { packageRoot } from "../../core/manifest.js";
import { parseNdjson, runCli } from "../support/cli.js";

const fixtures = path.join(packageRoot(), "test", "fixtures", "processes");

interface Expected {
  exitCode: number;
  steps: Array<{ step: string; succeeded: number; failed: number }>;
  earlierErrors: Array<{ step: string; index: number; code: string }>;
  results: Array<{ index: number; status: string; code?: string }>;
}

describe("run PROCESS.json (fixtures with checked-in expected results)", () => {
  for (const file of readdirSync(fixtures).filter((f) => f.endsWith(".json") && !f.endsWith(".expected.json"))) {
    it(`runs ${file} as expected`, async () => {
      const expected = JSON.parse(readFileSync(path.join(fixtures, file.replace(/\.json$/, ".expected.json")), "utf8")) as Expected;
      const run = await runCli(["run", path.join(fixtures, file)]);
      assert.equal(run.code, expected.exitCode, run.stderr);
      const stepLines = [...run.stderr.matchAll(/step (\S+): (\d+) succeeded, (\d+) failed/g)].map((m) => ({
        step: m[1]!,
        succeeded: Number(m[2]),
        failed: Number(m[3]),
      }));
      assert.deepEqual(stepLines, expected.steps);
      const earlierErrors = run.stderr
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as { step: string; index: number; error: { code: string } })
        .map((r) => ({ step: r.step, index: r.index, code: r.error.code }));
      assert.deepEqual(earlierErrors, expected.earlierErrors);
      assert.deepEqual(
        parseNdjson(run.stdout).map((r) => ({
          index: r["index"],
          status: r["status"],
          ...(r["error"] === undefined ? {} : { code: (r["error"] as { code: string }).code }),
        })),
        expected.results,
      );
    });
  }
});
