import type { OperationResult } from "../../connector/index.js";
import { countFailure, emptyTally, type Tally } from "../protocol.js";

/** Counts a connector operation's results as a host would consume them. */
export async function tallyResults(results: AsyncIterable<OperationResult>): Promise<Tally> {
  const tally = emptyTally();
  for await (const result of results) {
    if (result.status === "success") tally.succeeded += 1;
    else countFailure(tally, `${result.error.code}: ${result.error.message}`);
  }
  return tally;
}
