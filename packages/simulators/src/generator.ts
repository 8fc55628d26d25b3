import type { Employee } from "@tandem/hr-model";

export interface GeneratorOptions {
  count: number;
  seed: number;
  /** Domain of the generated work emails. */
  emailDomain?: string;
}

/** mulberry32: a tiny, well-distributed 32-bit PRNG; the same seed gives the same people. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_NAMES = [
  "Amelia",
  "Arjun",
  "Beatriz",
  "Carlos",
  "Chloé",
  "Daniel",
  "Elena",
  "Emeka",
  "Fatima",
  "Felix",
  "Grace",
  "Hiroshi",
  "Ines",
  "Isaac",
  "Jana",
  "Jonas",
  "Kofi",
  "Laila",
  "Liam",
  "Mai",
  "Marcus",
  "Maya",
  "Nadia",
  "Noah",
  "Olivia",
  "Omar",
  "Priya",
  "Rafael",
  "Sara",
  "Sebastián",
  "Sofia",
  "Tariq",
  "Thea",
  "Tomás",
  "Uma",
  "Victor",
  "Wei",
  "Yara",
  "Yusuf",
  "Zoe",
];

const LAST_NAMES = [
  "Adeyemi",
  "Andersen",
  "Bauer",
  "Chen",
  "Costa",
  "Dubois",
  "Eriksson",
  "Fernández",
  "García",
  "Gupta",
  "Haddad",
  "Ivanova",
  "Jensen",
  "Kim",
  "Kowalski",
  "Lambert",
  "Larsen",
  "Martin",
  "Mensah",
  "Moreau",
  "Nakamura",
  "Nguyen",
  "Novak",
  "O'Brien",
  "Okafor",
  "Patel",
  "Petrov",
  "Quinn",
  "Rossi",
  "Santos",
  "Schmidt",
  "Silva",
  "Singh",
  "Suzuki",
  "Tanaka",
  "Walker",
  "Weber",
  "Wright",
  "Yilmaz",
  "Zhang",
];

const JOBS_BY_DEPARTMENT: Record<string, readonly string[]> = {
  Engineering: [
    "Software Engineer",
    "Senior Software Engineer",
    "Engineering Manager",
    "Site Reliability Engineer",
  ],
  Finance: ["Accountant", "Financial Analyst", "Payroll Specialist", "Controller"],
  "People Operations": ["HR Generalist", "Recruiter", "People Partner", "HR Business Partner"],
  Sales: ["Account Executive", "Sales Development Representative", "Sales Manager"],
  Marketing: ["Content Strategist", "Product Marketing Manager", "Designer"],
  "Customer Success": [
    "Customer Success Manager",
    "Support Specialist",
    "Implementation Consultant",
  ],
};
const DEPARTMENTS = Object.keys(JOBS_BY_DEPARTMENT);

const START_DATE_FROM = Date.UTC(2015, 0, 1);
const START_DATE_TO = Date.UTC(2025, 11, 31);
const DAY_MS = 86_400_000;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Lowercase ASCII for an email local part: "Sebastián O'Brien" → "sebastian.obrien". */
function emailLocalPart(firstName: string, lastName: string): string {
  const ascii = (name: string) =>
    name
      .normalize("NFD")
      .replace(/[^A-Za-z]/g, "")
      .toLowerCase();
  return `${ascii(firstName)}.${ascii(lastName)}`;
}

/** Deterministic, realistic employees; about one in ten has left the company. */
export function generateEmployees(options: GeneratorOptions): Employee[] {
  const random = mulberry32(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const domain = options.emailDomain ?? "example.com";
  const usedEmails = new Map<string, number>();

  return Array.from({ length: options.count }, () => {
    const firstName = pick(FIRST_NAMES);
    const lastName = pick(LAST_NAMES);
    const department = pick(DEPARTMENTS);
    const jobTitle = pick(JOBS_BY_DEPARTMENT[department] ?? []);
    const startMs =
      START_DATE_FROM +
      Math.floor(random() * ((START_DATE_TO - START_DATE_FROM) / DAY_MS)) * DAY_MS;
    const terminated = random() < 0.1;

    const local = emailLocalPart(firstName, lastName);
    const seen = usedEmails.get(local) ?? 0;
    usedEmails.set(local, seen + 1);
    const workEmail = `${seen === 0 ? local : `${local}${seen + 1}`}@${domain}`;

    return {
      firstName,
      lastName,
      preferredName: null,
      workEmail,
      jobTitle,
      department,
      status: terminated ? "terminated" : "active",
      startDate: isoDate(startMs),
      terminationDate: terminated
        ? isoDate(Math.min(START_DATE_TO, startMs + (30 + Math.floor(random() * 1500)) * DAY_MS))
        : null,
    } satisfies Employee;
  });
}
