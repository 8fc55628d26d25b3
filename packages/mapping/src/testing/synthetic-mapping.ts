// Synthetic mappings of any size for benchmarks and tests: renames, enum maps, MM/DD/YYYY → ISO
// dates and decimal → cents in rotation, plus a case-insensitive email match key.
import { MAPPING_FORMAT, type MappingDocumentInput } from "../document-schema";

type NodeInput = MappingDocumentInput["nodes"][number];
type EdgeInput = MappingDocumentInput["edges"][number];
type FieldInput = {
  id: string;
  type: "string" | "enum" | "date" | "money" | "decimal";
  enumValues?: string[];
};

const STATUSES_A = ["Active", "On Leave", "Terminated", "Pending"];
const STATUSES_B = ["active", "leave", "terminated", "pending"];

/** A mapping with `fields` pairs: renames, enum maps, MM/DD/YYYY → ISO dates and decimal → cents, in rotation. */
export function syntheticMapping(fields: number): MappingDocumentInput {
  const aFields: FieldInput[] = [];
  const bFields: FieldInput[] = [];
  const nodes: NodeInput[] = [];
  const edges: EdgeInput[] = [];
  const link = (
    id: string,
    source: string,
    sourceHandle: string,
    target: string,
    targetHandle: string,
  ) => edges.push({ id, source, sourceHandle, target, targetHandle });
  for (let i = 0; i < fields; i++) {
    const kind = i % 4;
    const a = `a_field_${i}`;
    const b = `b_field_${i}`;
    const position = { x: 400, y: i * 80 };
    if (kind === 0) {
      aFields.push({ id: a, type: "string" });
      bFields.push({ id: b, type: "string" });
      link(`e${i}`, "a", a, "b", b);
      continue;
    }
    const node = `n${i}`;
    if (kind === 1) {
      aFields.push({ id: a, type: "enum", enumValues: STATUSES_A });
      bFields.push({ id: b, type: "enum", enumValues: STATUSES_B });
      nodes.push({
        id: node,
        type: "enumMap",
        position,
        data: { entries: STATUSES_A.map((from, j) => ({ from, to: STATUSES_B[j] ?? null })) },
      });
    } else if (kind === 2) {
      aFields.push({ id: a, type: "string" });
      bFields.push({ id: b, type: "date" });
      nodes.push({
        id: node,
        type: "dateFormat",
        position,
        data: { from: "MM/DD/YYYY", to: "YYYY-MM-DD" },
      });
    } else {
      aFields.push({ id: a, type: "decimal" });
      bFields.push({ id: b, type: "money" });
      nodes.push({
        id: node,
        type: "money",
        position,
        data: { from: "decimal-string", to: "minor", currency: "USD" },
      });
    }
    link(`e${i}in`, "a", a, node, "in");
    link(`e${i}out`, node, "out", "b", b);
  }
  aFields.push({ id: "email", type: "string" });
  bFields.push({ id: "email", type: "string" });
  nodes.push({
    id: "key",
    type: "matchKey",
    position: { x: 400, y: -80 },
    data: { normalize: "case-insensitive" },
  });
  link("key-a", "a", "email", "key", "a");
  link("key-b", "b", "email", "key", "b");
  return {
    format: MAPPING_FORMAT,
    name: `synthetic ${fields}-field mapping`,
    nodes: [
      {
        id: "a",
        type: "side",
        position: { x: 0, y: 0 },
        data: { side: "a", system: "hris", entity: "employee", fields: aFields },
      },
      {
        id: "b",
        type: "side",
        position: { x: 800, y: 0 },
        data: { side: "b", system: "payroll", entity: "employee", fields: bFields },
      },
      ...nodes,
    ],
    edges,
  };
}

/** Side A records that map cleanly through `syntheticMapping(fields)`. */
export function syntheticRecords(fields: number, count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, r) => {
    const record: Record<string, unknown> = { email: `person${r}@example.com` };
    for (let i = 0; i < fields; i++) {
      const kind = i % 4;
      record[`a_field_${i}`] =
        kind === 0
          ? `value ${r}-${i}`
          : kind === 1
            ? STATUSES_A[(r + i) % STATUSES_A.length]
            : kind === 2
              ? `${String(((r + i) % 12) + 1).padStart(2, "0")}/${String(((r * 7 + i) % 28) + 1).padStart(2, "0")}/${1970 + ((r + i) % 50)}`
              : `${(r * 13 + i) % 100000}.${String((r + i) % 100).padStart(2, "0")}`;
    }
    return record;
  });
}
