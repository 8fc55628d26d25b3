// The pay history of a generated person, the same in every simulator: the HRIS and payroll
// seeded with the same people agree on pay, as two systems already in sync would.

/** One step of a seeded pay history. */
export interface SeededPayStep {
  startDate: string;
  /** Decimal string, e.g. "52340.00" a year or "27.15" an hour. */
  amount: string;
  hourly: boolean;
}

/** A small integer hash of a string, so the history depends on the person's number only. */
export function seedHash(text: string): number {
  let value = 2166136261;
  for (const char of text) value = Math.imul(value ^ char.charCodeAt(0), 16777619) >>> 0;
  return value;
}

function addYears(isoDate: string, years: number): string {
  const year = Number(isoDate.slice(0, 4)) + years;
  return `${String(year).padStart(4, "0")}${isoDate.slice(4)}`;
}

/**
 * The pay history of the generated person numbered `personNumber` (1-based, the order the
 * generator made them in), oldest first: a starting rate on the hire date (2020-01-01 when
 * there is none) and one or two yearly raises of 5 %. Every third person is hourly; salaries
 * start between 50,000.00 and 89,999.00 a year, hourly rates between 20.00 and 39.99.
 */
export function seededPayHistory(personNumber: number, hireDate: string | null): SeededPayStep[] {
  const h = seedHash(String(personNumber));
  const hourly = personNumber % 3 === 0;
  const start = hireDate ?? "2020-01-01";
  const count = 2 + (h % 2);
  const base = hourly ? 2000 + (h % 2000) : 5_000_000 + (h % 40_000) * 100;
  return Array.from({ length: count }, (_, index) => ({
    startDate: addYears(start, index),
    amount: (Math.round(base * 1.05 ** index) / 100).toFixed(2),
    hourly,
  }));
}

/** The step in effect on `today`: the latest that started by then (the first when none has). */
export function currentPayStep(history: readonly SeededPayStep[], today: string): SeededPayStep {
  const started = history.filter((step) => step.startDate <= today);
  const current = started.at(-1) ?? history[0];
  if (!current) throw new Error("a seeded pay history has at least one step");
  return current;
}
