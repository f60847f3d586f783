/**
 * Whether a JSON value nests deeper than `limit` (a scalar is depth 0, `{}` and
 * `[]` depth 1); a cyclic value counts as too deep. The walk stops at `limit`,
 * so its recursion is bounded by the limit (manifest.json's bodyMaxDepth), not
 * by the value: a value too deep for JSON.stringify is measured without a
 * stack overflow. It allocates nothing, as it runs for every document sent.
 */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  return deeper(value, 0, limit);
}

function deeper(node: unknown, depth: number, limit: number): boolean {
  if (node === null || typeof node !== "object") return false;
  if (depth >= limit) return true;
  if (Array.isArray(node)) {
    for (const child of node as unknown[]) if (deeper(child, depth + 1, limit)) return true;
    return false;
  }
  for (const key in node) {
    if (Object.hasOwn(node, key) && deeper((node as Record<string, unknown>)[key], depth + 1, limit)) return true;
  }
  return false;
}
