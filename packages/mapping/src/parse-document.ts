import type { z } from "zod";
import type { Diagnostic } from "./diagnostic";
import { MAPPING_FORMAT, MAPPING_LIMITS, MappingDocument, NODE_KINDS } from "./document-schema";

export type ParseDocumentResult =
  { ok: true; document: MappingDocument } | { ok: false; diagnostics: Diagnostic[] };

const refuse = (diagnostic: Diagnostic): ParseDocumentResult => ({
  ok: false,
  diagnostics: [diagnostic],
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function idAt(list: unknown, index: unknown): string | undefined {
  if (!Array.isArray(list) || typeof index !== "number") return undefined;
  const item: unknown = list[index];
  return isRecord(item) && typeof item.id === "string" ? item.id : undefined;
}

function issueToDiagnostic(issue: z.core.$ZodIssue, raw: Record<string, unknown>): Diagnostic {
  const [collection, index, ...rest] = issue.path;
  const where = issue.path.length > 0 ? issue.path.join(".") : "the document";
  const diagnostic: Diagnostic = {
    severity: "error",
    code: "invalid-document",
    message: `${where}: ${issue.message}`,
    hint: "Fix the value at that path; the JSON Schema from mappingDocumentJsonSchema() lists what is allowed.",
  };
  if (collection === "nodes") {
    const nodeId = idAt(raw.nodes, index);
    if (nodeId !== undefined) {
      diagnostic.nodeId = nodeId;
      diagnostic.message = `node "${nodeId}" ${rest.join(".") || "itself"}: ${issue.message}`;
    }
  } else if (collection === "edges") {
    const edgeId = idAt(raw.edges, index);
    if (edgeId !== undefined) {
      diagnostic.edgeId = edgeId;
      diagnostic.message = `edge "${edgeId}" ${rest.join(".") || "itself"}: ${issue.message}`;
    }
  }
  return diagnostic;
}

/**
 * Reads a mapping document from JSON text or an already-parsed value. Size, format version and
 * node kinds are checked before the full schema, so a huge or foreign document is refused
 * quickly with a message that names the real problem.
 */
export function parseMappingDocument(input: unknown): ParseDocumentResult {
  let raw: unknown = input;
  if (typeof input === "string") {
    if (input.length > MAPPING_LIMITS.maxDocumentChars) {
      return refuse({
        severity: "error",
        code: "document-too-large",
        message: `the document is ${input.length} characters; the limit is ${MAPPING_LIMITS.maxDocumentChars}`,
        hint: "A mapping this large is almost certainly not a mapping; split it or check the file.",
      });
    }
    try {
      raw = JSON.parse(input);
    } catch (error) {
      return refuse({
        severity: "error",
        code: "invalid-json",
        message: `the document is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  if (!isRecord(raw)) {
    return refuse({
      severity: "error",
      code: "invalid-document",
      message: "a mapping document must be a JSON object",
    });
  }
  if (raw.format !== MAPPING_FORMAT) {
    return refuse({
      severity: "error",
      code: "unknown-format",
      message:
        typeof raw.format === "string"
          ? `format "${raw.format}" is not supported; this version reads "${MAPPING_FORMAT}"`
          : `the document has no "format"; expected "${MAPPING_FORMAT}"`,
      hint: "Export the mapping again from a Tandem editor of the same version.",
    });
  }
  for (const [collection, limit] of [
    ["nodes", MAPPING_LIMITS.maxNodes],
    ["edges", MAPPING_LIMITS.maxEdges],
  ] as const) {
    const list = raw[collection];
    if (Array.isArray(list) && list.length > limit) {
      return refuse({
        severity: "error",
        code: "document-too-large",
        message: `the document has ${list.length} ${collection}; the limit is ${limit}`,
      });
    }
  }
  const unknownKinds: Diagnostic[] = [];
  if (Array.isArray(raw.nodes)) {
    for (const node of raw.nodes as unknown[]) {
      if (
        !isRecord(node) ||
        typeof node.type !== "string" ||
        (NODE_KINDS as readonly string[]).includes(node.type)
      )
        continue;
      unknownKinds.push({
        severity: "error",
        code: "unknown-node-kind",
        message: `node ${typeof node.id === "string" ? `"${node.id}" ` : ""}has unknown kind "${node.type}"`,
        hint: `Known kinds: ${NODE_KINDS.join(", ")}.`,
        ...(typeof node.id === "string" ? { nodeId: node.id } : {}),
      });
    }
  }
  if (unknownKinds.length > 0) return { ok: false, diagnostics: unknownKinds };
  const parsed = MappingDocument.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      diagnostics: parsed.error.issues.slice(0, 50).map((issue) => issueToDiagnostic(issue, raw)),
    };
  }
  return { ok: true, document: parsed.data };
}
