import {
  MAPPING_FORMAT,
  MAPPING_LIMITS,
  MappingDocument,
  parseMappingDocument,
  type MappingDocumentInput,
} from "@tandem/mapping";
import { TandemError } from "../errors/tandem-error";
import { refuseDocument } from "./diagnostics-error";

/**
 * Reads a document sent by the editor or imported from a file, refusing (with every reason)
 * anything that is not a tandem.mapping/v1 document. Compile errors are not checked here:
 * a draft may be unfinished.
 */
export function readMappingDocument(input: unknown): MappingDocument {
  const text = typeof input === "string" ? input : JSON.stringify(input);
  if (text === undefined) throw new TandemError("INVALID_INPUT", "no mapping document was sent");
  if (text.length > MAPPING_LIMITS.maxDocumentChars) {
    throw new TandemError(
      "TOO_LARGE",
      `the mapping document is ${text.length} characters; the limit is ${MAPPING_LIMITS.maxDocumentChars}`,
    );
  }
  const parsed = parseMappingDocument(text);
  if (!parsed.ok)
    throw refuseDocument("not a valid tandem.mapping/v1 document", parsed.diagnostics);
  return parsed.document;
}

/** A document this server stored itself; a failure here means the row was edited by hand. */
export function storedMappingDocument(text: string): MappingDocument {
  const parsed = parseMappingDocument(text);
  if (!parsed.ok) {
    throw new TandemError(
      "INTERNAL",
      `a stored mapping document no longer parses: ${parsed.diagnostics[0]?.message ?? "unknown reason"}`,
    );
  }
  return parsed.document;
}

/** Two sides and nothing between them: where a mapping starts when there is no template. */
export function emptyMappingDocument(
  name: string,
  systems: { a: string; b: string },
): MappingDocument {
  const input: MappingDocumentInput = {
    format: MAPPING_FORMAT,
    name,
    nodes: [
      {
        id: "a",
        type: "side",
        position: { x: 0, y: 0 },
        data: { side: "a", system: systems.a, entity: "employee", fields: [] },
      },
      {
        id: "b",
        type: "side",
        position: { x: 840, y: 0 },
        data: { side: "b", system: systems.b, entity: "employee", fields: [] },
      },
    ],
    edges: [],
  };
  return MappingDocument.parse(input);
}

export const documentText = (document: MappingDocument) => JSON.stringify(document);
