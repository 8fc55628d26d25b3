import type { Db, WorkspaceDb } from "@tandem/db";
import {
  generateSampleRecords,
  projectRecord,
  type MappingDocument,
  type SampleField,
  type SampleRecord,
  type SideName,
} from "@tandem/mapping";
import type { ConnectorAccess } from "../context";
import { findMapping } from "./mapping-store";
import { storedMappingDocument } from "./mapping-documents";
import { openWorkspaceConnector } from "./open-sync-connector";

export interface MappingSamples {
  source: "connection" | "generated";
  records: SampleRecord[];
  /** Why records were generated although the mapping's sync has a connection on this side. */
  unavailableReason?: string;
}

export function sideFieldsOf(document: MappingDocument, side: SideName): SampleField[] {
  for (const node of document.nodes)
    if (node.type === "side" && node.data.side === side) return node.data.fields;
  return [];
}

function personLabel(raw: Record<string, unknown>, fallback: string): string {
  const text = (...keys: string[]) =>
    keys.map((key) => raw[key]).find((value): value is string => typeof value === "string");
  const first = text("firstName", "first_name", "preferredName");
  const last = text("lastName", "last_name");
  return [first, last].filter(Boolean).join(" ") || fallback;
}

/**
 * Records to preview a mapping with: the first employees of the connected system on that
 * side, projected onto the side's fields, or generated ones when there is no connection.
 */
export async function mappingSamples(
  deps: { db: Db; wdb: WorkspaceDb; workspaceId: string; access: ConnectorAccess | undefined },
  input: { id: string; side: SideName; limit: number },
): Promise<MappingSamples> {
  const mapping = await findMapping(deps.wdb, input.id);
  const fields = sideFieldsOf(storedMappingDocument(mapping.draft), input.side);
  const generated = (unavailableReason?: string): MappingSamples => ({
    source: "generated",
    records: generateSampleRecords(fields, { count: input.limit, seed: 1 }),
    ...(unavailableReason ? { unavailableReason } : {}),
  });
  const sync = mapping.syncId
    ? await deps.wdb.sync.findFirst({ where: { id: mapping.syncId } })
    : null;
  if (!sync) return generated();
  const opened = await openWorkspaceConnector(
    deps.db,
    deps.access,
    deps.workspaceId,
    input.side === "a" ? sync.connectionAId : sync.connectionBId,
  );
  if (!opened.ok) return generated(opened.reason);
  const fieldIds = fields.map((field) => field.id);
  const records: SampleRecord[] = [];
  try {
    let cursor: string | null = null;
    do {
      const page = await opened.connector.listEmployees(cursor);
      for (const item of page.items.slice(0, input.limit - records.length)) {
        records.push({
          id: item.externalId,
          label: personLabel(item.raw, item.externalId),
          record: projectRecord(item.raw, fieldIds),
        });
      }
      cursor = page.nextCursor;
    } while (cursor && records.length < input.limit);
  } catch (error) {
    return generated(
      `"${opened.connectionName}" could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { source: "connection", records };
}
