import type { FieldType } from "@tandem/hr-model";
import { pathReader, pathWriter } from "./record-paths";

/** What the generator needs to know about a side field (a document's SideField or a plan's PlanField). */
export interface SampleField {
  id: string;
  type: FieldType;
  required?: boolean;
  nullable?: boolean;
  enumValues?: readonly string[];
}

export interface SampleRecord {
  id: string;
  /** A human name for the record, e.g. "Ada Okafor". */
  label: string;
  /** Nested like a vendor payload: field `job.title` is `record.job.title`. */
  record: Record<string, unknown>;
}

const FIRST_NAMES = [
  "Ada",
  "Bilal",
  "Chen",
  "Daniela",
  "Emeka",
  "Freya",
  "Gustavo",
  "Hana",
  "Ivan",
  "Jamal",
  "Keiko",
  "Lucia",
  "Mateo",
  "Nadia",
  "Oskar",
  "Priya",
];
const LAST_NAMES = [
  "Okafor",
  "Lindqvist",
  "Moreau",
  "Tanaka",
  "Reyes",
  "Nowak",
  "Haddad",
  "Fischer",
  "Kowalski",
  "Mensah",
  "Sato",
  "Brennan",
];
const DEPARTMENTS = ["Engineering", "Finance", "People", "Sales", "Support", "Operations"];
const TITLES = [
  "Software Engineer",
  "Account Executive",
  "Payroll Specialist",
  "Support Lead",
  "Financial Analyst",
  "Recruiter",
];

/** mulberry32: small, fast and identical in Node and browsers. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

interface Person {
  index: number;
  first: string;
  last: string;
  random: () => number;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function dateBetween(random: () => number, fromYear: number, toYear: number): string {
  const year = fromYear + Math.floor(random() * (toYear - fromYear + 1));
  return `${year}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`;
}

const has = (id: string, ...words: string[]) => {
  const lower = id.toLowerCase();
  return words.some((word) => lower.includes(word));
};

/** Dates that usually lie in the future or are absent: an end is rarely set on a sample. */
const isEndDate = (id: string) => has(id, "termination", "end", "expiration", "terminated");

function sampleValue(field: SampleField, person: Person): unknown {
  const { id, type } = field;
  const { random, first, last, index } = person;
  if (field.enumValues && field.enumValues.length > 0) return pick(random, field.enumValues);
  switch (type) {
    case "email":
      return has(id, "home", "personal") || id === "email"
        ? `${first}.${last}@example.net`.toLowerCase()
        : `${first}.${last}@acme.example`.toLowerCase();
    case "phone":
      return `+1 415 555 ${pad(1000 + Math.floor(random() * 9000), 4)}`;
    case "date":
      if (has(id, "birth")) return dateBetween(random, 1965, 2000);
      if (isEndDate(id)) return field.nullable === false ? dateBetween(random, 2026, 2027) : null;
      return dateBetween(random, 2015, 2025);
    case "datetime":
      return `${dateBetween(random, 2024, 2025)}T${pad(Math.floor(random() * 24))}:${pad(Math.floor(random() * 60))}:00.000Z`;
    case "integer":
      return Math.floor(random() * 100);
    case "number":
      return Math.round(random() * 10_000) / 100;
    case "boolean":
      return isEndDate(id) ? false : random() < 0.5;
    case "money":
      return (40 + Math.floor(random() * 120)) * 100_000;
    case "decimal":
      return `${40_000 + Math.floor(random() * 120) * 1_000}.00`;
    case "currency":
      return "USD";
    case "basisPoints":
      return Math.floor(random() * 10) * 100;
    case "id":
    case "reference":
      return `${id.replace(/\W/g, "-")}-${pad(index + 1, 4)}`;
    case "enum":
    case "string":
      return sampleText(id, person);
  }
}

function sampleText(id: string, person: Person): string {
  const { random, first, last, index } = person;
  if (has(id, "preferred", "nickname")) return first;
  if (has(id, "first")) return first;
  if (has(id, "last", "family", "surname")) return last;
  if (has(id, "fullname", "display")) return `${first} ${last}`;
  if (has(id, "department")) return pick(random, DEPARTMENTS);
  if (has(id, "title", "job")) return pick(random, TITLES);
  if (has(id, "number", "code")) return String(1001 + index);
  if (has(id, "rate", "salary", "amount", "pay"))
    return `${40_000 + Math.floor(random() * 120) * 1_000}.00 USD`;
  if (has(id, "currency")) return "USD";
  if (has(id, "date")) return dateBetween(random, 2015, 2025);
  if (has(id, "email")) return `${first}.${last}@acme.example`.toLowerCase();
  return `${id.split(".").pop() ?? id} ${index + 1}`;
}

/**
 * Realistic, deterministic records for a side's fields: the same fields, count and seed give
 * the same records in Node and in the browser. Names, emails and dates of one record agree.
 */
export function generateSampleRecords(
  fields: readonly SampleField[],
  options: { count: number; seed?: number },
): SampleRecord[] {
  const records: SampleRecord[] = [];
  for (let index = 0; index < options.count; index++) {
    const random = seededRandom((options.seed ?? 1) * 7919 + index * 104_729);
    const person: Person = {
      index,
      first: pick(random, FIRST_NAMES),
      last: pick(random, LAST_NAMES),
      random,
    };
    const record: Record<string, unknown> = {};
    for (const field of fields) {
      const value = sampleValue(field, person);
      if (value === null && field.nullable === false) continue;
      pathWriter(field.id)(record, value);
    }
    records.push({ id: `sample-${index + 1}`, label: `${person.first} ${person.last}`, record });
  }
  return records;
}

/** Keeps only the given dotted field paths of a vendor payload, nested as they were. */
export function projectRecord(
  raw: Record<string, unknown>,
  fieldIds: readonly string[],
): Record<string, unknown> {
  const projected: Record<string, unknown> = {};
  for (const id of fieldIds) {
    const value = pathReader(id)(raw);
    if (value !== undefined) pathWriter(id)(projected, value);
  }
  return projected;
}
