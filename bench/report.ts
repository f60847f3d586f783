import type { Summary } from "./stats.js";

/** One metric of one contender in one scenario, over all rounds. */
export interface MetricRow {
  scenario: string;
  contender: string;
  metric: string;
  summary: Summary;
  /** How it compares, e.g. "0.97x (0.91-1.02) SDK SendMessageBatch": a median of per-round ratios and their range. */
  relative?: string;
}

export interface TargetCheck {
  scenario: string;
  target: string;
  measured: string;
  met: boolean;
}

export interface ScenarioReport {
  rows: MetricRow[];
  targets: TargetCheck[];
  /** Facts a reader needs to judge the numbers (what was measured how). */
  notes: string[];
}

export function emptyReport(): ScenarioReport {
  return { rows: [], targets: [], notes: [] };
}

export function mergeReports(reports: ScenarioReport[]): ScenarioReport {
  return {
    rows: reports.flatMap((r) => r.rows),
    targets: reports.flatMap((r) => r.targets),
    notes: reports.flatMap((r) => r.notes),
  };
}

/** A number with sensible precision for the table. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return Math.round(value).toLocaleString("en-US");
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** "0.97x (0.91-1.02)": the median of per-round ratios, and their range. */
export function ratioRange(summary: Summary): string {
  return `${summary.median.toFixed(2)}x (${summary.min.toFixed(2)}-${summary.max.toFixed(2)})`;
}

/** The results table and the targets table, as markdown. */
export function markdownTables(report: ScenarioReport): string {
  const lines = [
    "| Scenario | Contender | Metric | Median | Min | Max | Relative |",
    "|---|---|---|---:|---:|---:|---|",
    ...report.rows.map((row) => {
      const { median, min, max } = row.summary;
      return `| ${row.scenario} | ${row.contender} | ${row.metric} | ${formatNumber(median)} | ${formatNumber(min)} | ${formatNumber(max)} | ${row.relative ?? ""} |`;
    }),
    "",
    "| Scenario | Target | Measured | Met |",
    "|---|---|---|---|",
    ...report.targets.map((t) => `| ${t.scenario} | ${t.target} | ${t.measured} | ${t.met ? "yes" : "**no**"} |`),
  ];
  return `${lines.join("\n")}\n`;
}
