/**
 * Runs every contender once per round (A B C, then B C A, ...), so slow drift
 * of the machine (other load, thermal state) spreads over all contenders, and
 * no contender always runs first. Returns each contender's samples in round order.
 */
export async function interleavedRounds<T>(
  rounds: number,
  contenders: readonly string[],
  runOnce: (contender: string, round: number) => Promise<T>,
): Promise<Map<string, T[]>> {
  const samples = new Map<string, T[]>(contenders.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (let slot = 0; slot < contenders.length; slot++) {
      const contender = contenders[(round + slot) % contenders.length]!;
      samples.get(contender)!.push(await runOnce(contender, round));
    }
  }
  return samples;
}
