/** Median, minimum and maximum of a metric's samples (one per round). */
export interface Summary {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export function summarize(samples: number[]): Summary {
  if (samples.length === 0) throw new Error("no samples to summarize");
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, samples };
}

/** Per-round ratios a[i] / b[i]: the two ran back to back, so drift between rounds cancels. */
export function pairedRatios(a: number[], b: number[]): number[] {
  return a.map((value, round) => value / b[round]!);
}

/** Per-round differences a[i] - b[i]. */
export function pairedDifferences(a: number[], b: number[]): number[] {
  return a.map((value, round) => value - b[round]!);
}

/** The p-th percentile (0..100) of samples, nearest rank. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) throw new Error("no samples for a percentile");
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
