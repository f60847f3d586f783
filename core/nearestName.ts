/**
 * The known names closest to what was typed, for "did you mean" hints (unknown
 * options, commands, enum values), in the order they are known: every name
 * that starts with what was typed (`--queue`: `--queue-name`, `--queue-url`),
 * else the nearest by edit distance when it is small against the name's length.
 */
export function nearestNames(typed: string, known: readonly string[]): string[] {
  const wanted = typed.toLowerCase();
  const extending = known.filter((name) => name.toLowerCase().startsWith(wanted) && wanted !== "");
  if (extending.length > 0) return extending;
  const scored = known.map((name) => ({ name, distance: editDistance(wanted, name.toLowerCase()) }));
  const best = Math.min(...scored.map((s) => s.distance));
  return scored.filter((s) => s.distance === best && best <= Math.max(2, Math.floor(s.name.length / 3))).map((s) => s.name);
}

/** The one nearest name, when exactly one is near. */
export function nearestName(typed: string, known: readonly string[]): string | undefined {
  const near = nearestNames(typed, known);
  return near.length === 1 ? near[0] : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
