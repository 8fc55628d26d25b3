import { CONNECTOR_SYSTEM_NAMES } from "@tandem/connectors";
import type { WorkspaceDb } from "@tandem/db";
import { MAPPING_TEMPLATES, MappingDocument, summarizeConflictRules } from "@tandem/mapping";
import { storedMappingDocument } from "./mapping-documents";
import { findMapping, findVersion, versionPlan, versionSummary } from "./mapping-store";

/** The workspace's mappings, oldest first, as the mappings page lists them. */
export async function listMappings(wdb: WorkspaceDb) {
  const mappings = await wdb.mapping.findMany({
    orderBy: { createdAt: "asc" },
    include: { sync: { select: { name: true } }, _count: { select: { versions: true } } },
  });
  return mappings.map((mapping) => ({
    id: mapping.id,
    name: mapping.name,
    description: mapping.description,
    syncId: mapping.syncId,
    syncName: mapping.sync?.name ?? null,
    draftRevision: mapping.draftRevision,
    draftSavedAt: mapping.draftSavedAt,
    publishedHash: mapping.publishedHash,
    versionCount: mapping._count.versions,
  }));
}

/** The built-in templates a new mapping can start from. */
export function listMappingTemplates() {
  return MAPPING_TEMPLATES.map((template) => ({
    id: template.id ?? template.name,
    name: template.name,
    description: template.description ?? null,
    document: MappingDocument.parse(template),
  }));
}

/** A mapping as the editor opens it: its draft, and its published versions newest first. */
export async function readMappingWithVersions(wdb: WorkspaceDb, id: string) {
  const mapping = await findMapping(wdb, id);
  const versions = await wdb.mappingVersion.findMany({
    where: { mappingId: mapping.id },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    select: { hash: true, publishedAt: true, note: true, summary: true },
  });
  const draft = storedMappingDocument(mapping.draft);
  return {
    id: mapping.id,
    name: mapping.name,
    description: mapping.description,
    syncId: mapping.syncId,
    draft,
    draftRevision: mapping.draftRevision,
    draftSavedAt: mapping.draftSavedAt,
    publishedHash: mapping.publishedHash,
    conflictSummary: summarizeConflictRules(draft, { systemNames: CONNECTOR_SYSTEM_NAMES }),
    versions: versions.map((version) => ({
      hash: version.hash,
      publishedAt: version.publishedAt,
      note: version.note,
      summary: versionSummary(version),
    })),
  };
}

/** One published version: its document, compiled plan and change summary. */
export async function readMappingVersion(wdb: WorkspaceDb, input: { id: string; hash: string }) {
  const mapping = await findMapping(wdb, input.id);
  const version = await findVersion(wdb, mapping.id, input.hash);
  return {
    hash: version.hash,
    document: storedMappingDocument(version.document),
    plan: versionPlan(version),
    summary: versionSummary(version),
    note: version.note,
    publishedAt: version.publishedAt,
  };
}
