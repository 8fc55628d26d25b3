/**
 * How long a session lives: it ends after `idleMs` without a request, and in any case
 * `absoluteMs` after sign-in (ASVS 5.0 7.3.1, 7.3.2). Idle activity is recorded at most every
 * `touchEveryMs`, so a page polling every two seconds does not write to the database each time.
 */
export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
  touchEveryMs: number;
}

const HOUR = 60 * 60 * 1000;

export const SESSION_POLICY: SessionPolicy = {
  idleMs: 8 * HOUR,
  absoluteMs: 7 * 24 * HOUR,
  touchEveryMs: 60 * 1000,
};

export interface SessionTimes {
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

/** The times of a session that starts at `now`. */
export function startingTimes(now: Date, policy: SessionPolicy = SESSION_POLICY): SessionTimes {
  const absoluteExpiresAt = new Date(now.getTime() + policy.absoluteMs);
  return { lastSeenAt: now, ...idleUntil(now, absoluteExpiresAt, policy) };
}

function idleUntil(now: Date, absoluteExpiresAt: Date, policy: SessionPolicy) {
  const idle = Math.min(now.getTime() + policy.idleMs, absoluteExpiresAt.getTime());
  return { idleExpiresAt: new Date(idle), absoluteExpiresAt };
}

export function isSessionLive(session: SessionTimes, now: Date): boolean {
  return now < session.idleExpiresAt && now < session.absoluteExpiresAt;
}

/** The new times of a live session used at `now`, or null when nothing needs writing yet. */
export function touchedTimes(
  session: SessionTimes,
  now: Date,
  policy: SessionPolicy = SESSION_POLICY,
): SessionTimes | null {
  if (now.getTime() - session.lastSeenAt.getTime() < policy.touchEveryMs) return null;
  return { lastSeenAt: now, ...idleUntil(now, session.absoluteExpiresAt, policy) };
}
