/**
 * Whether a JSON value nests deeper than `limit` (a scalar is depth 0, `{}` and
 * `[]` depth 1). Iterative, so a value too deep for JSON.stringify's recursion
 * is measured without a stack overflow; a cyclic value counts as too deep.
 */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, depth] = next;
    if (node === null || typeof node !== "object") continue;
    if (depth >= limit) return true;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return false;
}
