/**
 * How many entries a simulator's request and delivery logs keep: a demo stack left running for
 * days must not grow without end, and no test or bench reads further back than this.
 */
export const LOG_LIMIT = 50_000;

/**
 * Appends to a log kept in place (the admin API serves the same array); past `limit` the oldest
 * tenth is dropped at once, so trimming costs little per entry.
 */
export function appendBounded<T>(entries: T[], entry: T, limit = LOG_LIMIT): void {
  entries.push(entry);
  if (entries.length > limit) entries.splice(0, entries.length - Math.floor(limit * 0.9));
}
