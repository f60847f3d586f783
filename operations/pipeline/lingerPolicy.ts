/**
 * How long a partly filled batch may wait for more documents, counted from its
 * oldest document's arrival, given how many requests to its destination (its
 * batch key, e.g. the queue) are in flight.
 */
export interface LingerPolicy {
  lingerMs(inFlightToDestination: number): number;
}

/** A pinned `lingerMs`: every partial batch waits this long, busy or not. */
export function fixedLinger(ms: number): LingerPolicy {
  return { lingerMs: () => ms };
}

/**
 * `lingerMs: "auto"`, after Nagle's algorithm: with nothing in flight to the
 * destination there is nothing to wait for, so a document leaves at once (a
 * trickle pays one round trip, not a linger); while requests are in flight,
 * documents gather into batches, for at most `maximumMs` (manifest.json
 * `auto.lingerMs.maximum`), so requests per message stay as low as with a
 * fixed linger under load. The pipeline looks again whenever a request ends.
 */
export function adaptiveLinger(maximumMs: number): LingerPolicy {
  return { lingerMs: (inFlight) => (inFlight === 0 ? 0 : maximumMs) };
}
