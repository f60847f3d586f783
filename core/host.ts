/**
 * What a host platform lends the connector. Every part is optional; `resolveHost`
 * fills in quiet defaults.
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface Progress {
  /** Documents with a result so far, and how many of them failed. */
  done: number;
  failed: number;
}

export interface Host {
  logger?: Logger;
  /** Aborting stops pulling documents; those already pulled still get a result. */
  signal?: AbortSignal;
  clock?: Clock;
  onProgress?: (progress: Progress) => void;
}

export interface ResolvedHost {
  logger: Logger;
  signal: AbortSignal | undefined;
  clock: Clock;
  onProgress: (progress: Progress) => void;
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
export const systemClock: Clock = { now: () => Date.now() };

export function resolveHost(host: Host = {}): ResolvedHost {
  return {
    logger: host.logger ?? silent,
    signal: host.signal,
    clock: host.clock ?? systemClock,
    onProgress: host.onProgress ?? (() => {}),
  };
}
