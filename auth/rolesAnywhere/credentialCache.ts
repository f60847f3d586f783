import type { Clock } from "../../core/host.js";
import type { SessionCredentials } from "./createSession.js";

/** Credentials with less life than this are treated as expired and fetched again. */
export const EXPIRY_MARGIN_MS = 60_000;

/*
 * The one documented piece of module-level mutable state in the connector: a
 * process-wide cache of Roles Anywhere sessions. Every connection with the same
 * session settings, and every consecutive execution in this process, shares an
 * entry, which keeps a busy host far below CreateSession's rate limit (about 10
 * per second). Neither map is exported; the functions below are the only way in.
 */
const sessions = new Map<string, SessionCredentials>();
const refreshes = new Map<string, Promise<SessionCredentials>>();

/**
 * The cached credentials for `key` while they have more than EXPIRY_MARGIN_MS
 * left; otherwise one `fetchFresh` shared by every concurrent caller. A failed
 * fetch reaches all of its waiters, leaves the cache as it was, and the next
 * call tries again.
 */
export function sharedSessionCredentials(
  key: string,
  clock: Clock,
  fetchFresh: () => Promise<SessionCredentials>,
): Promise<SessionCredentials> {
  const cached = sessions.get(key);
  if (cached !== undefined && isFresh(cached, clock.now())) return Promise.resolve(cached);
  const pending = refreshes.get(key);
  if (pending !== undefined) return pending;
  const refresh = fetchFresh()
    .then((credentials) => {
      dropExpired(clock.now());
      sessions.set(key, credentials);
      return credentials;
    })
    .finally(() => refreshes.delete(key));
  refreshes.set(key, refresh);
  return refresh;
}

/** Forgets every cached session: for tests, and for a host that must drop sessions at once (e.g. after revoking a role). */
export function clearSessionCredentialCache(): void {
  sessions.clear();
}

function isFresh(credentials: SessionCredentials, nowMs: number): boolean {
  return credentials.expiration.getTime() - nowMs > EXPIRY_MARGIN_MS;
}

// Entries of connections that are gone would otherwise stay for the life of the process.
function dropExpired(nowMs: number): void {
  for (const [key, credentials] of sessions) {
    if (credentials.expiration.getTime() <= nowMs) sessions.delete(key);
  }
}
