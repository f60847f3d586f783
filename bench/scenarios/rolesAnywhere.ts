import { benchScript, lastJsonLine, runNode } from "../childProcess.js";
import { interleavedRounds } from "../interleave.js";
import { emptyReport, type ScenarioReport } from "../report.js";
import { summarize } from "../stats.js";
import type { BenchContext } from "./context.js";

interface RolesAnywhereNumbers {
  signUs: number;
  cachedLookupNs: number;
  createSessionCalls: number;
  allResolvedMs: number;
}

const KEYS = [
  { arg: "rsa", label: "RSA-2048" },
  { arg: "p256", label: "EC P-256" },
];

/** Scenario 4: Roles Anywhere signing, cached lookups and a cold-cache stampede, one fresh process per key type and round. */
export async function rolesAnywhere(context: BenchContext): Promise<ScenarioReport> {
  const scenario = "4. Roles Anywhere";
  const report = emptyReport();
  const samples = await interleavedRounds(
    context.rounds,
    KEYS.map((key) => key.label),
    async (label) => {
      const key = KEYS.find((k) => k.label === label)!;
      const output = await runNode(benchScript("rolesAnywhereProbe.js"), [key.arg], `roles anywhere ${key.arg}`);
      return lastJsonLine<RolesAnywhereNumbers>(output.stdout);
    },
  );
  for (const { label } of KEYS) {
    const runs = samples.get(label)!;
    const calls = runs.map((r) => r.createSessionCalls);
    report.rows.push(
      { scenario, contender: label, metric: "µs to sign one CreateSession request", summary: summarize(runs.map((r) => r.signUs)) },
      { scenario, contender: label, metric: "ns per cached credential lookup", summary: summarize(runs.map((r) => r.cachedLookupNs)) },
      { scenario, contender: label, metric: "CreateSession calls for 1,000 concurrent cold lookups", summary: summarize(calls) },
      { scenario, contender: label, metric: "ms until all 1,000 resolved", summary: summarize(runs.map((r) => r.allResolvedMs)) },
    );
    report.targets.push({
      scenario,
      target: `${label}: 1,000 concurrent requests on a cold cache make 1 CreateSession`,
      measured: `${Math.min(...calls)}-${Math.max(...calls)} calls in ${runs.length} rounds`,
      met: calls.every((c) => c === 1),
    });
  }
  report.notes.push(
    "Roles Anywhere: signing covers building the canonical request and the private-key signature; a cached lookup is the connection's credential provider answered from the process-wide session cache; the cold-cache run includes loading the certificate and key and one CreateSession against the local endpoint (in the same process, verifying every signature).",
  );
  return report;
}
