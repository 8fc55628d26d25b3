import type { Mapping, MappingVersion, WorkspaceDb } from "@tandem/db";
import {
  compileDocument,
  diffMappingDocuments,
  hasErrors,
  MAPPING_TEMPLATES,
  MappingDocument,
  summarizeDiff,
  type MappingDiff,
  type SyncPlan,
  type VersionSummary,
} from "@tandem/mapping";
import { TandemError } from "../errors/tandem-error";
import { findWorkspaceSystem } from "../mapping-sides/workspace-systems";
import { refuseDocument } from "./diagnostics-error";
import {
  documentText,
  emptyMappingDocument,
  readMappingDocument,
  storedMappingDocument,
} from "./mapping-documents";
import { twoSidedMappingDocument } from "./side-documents";

/** Prisma's unique-constraint violation. */
const isUniqueViolation = (error: unknown) =>
  typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";

export async function findMapping(wdb: WorkspaceDb, id: string): Promise<Mapping> {
  const mapping = await wdb.mapping.findFirst({ where: { id } });
  if (!mapping) throw new TandemError("NOT_FOUND", `no mapping ${id} here`);
  return mapping;
}

export async function findVersion(
  wdb: WorkspaceDb,
  mappingId: string,
  hash: string,
): Promise<MappingVersion> {
  const version = await wdb.mappingVersion.findFirst({ where: { mappingId, hash } });
  if (!version)
    throw new TandemError("NOT_FOUND", `mapping ${mappingId} has no published version ${hash}`);
  return version;
}

export const versionSummary = (version: Pick<MappingVersion, "summary">) =>
  JSON.parse(version.summary) as VersionSummary;
export const versionPlan = (version: Pick<MappingVersion, "plan">) =>
  JSON.parse(version.plan) as SyncPlan;

function staleRevision(mapping: Mapping, baseRevision: number): TandemError {
  return new TandemError(
    "CONFLICT",
    `the draft of "${mapping.name}" is at revision ${mapping.draftRevision}, not ${baseRevision}: it was saved elsewhere; reload it before saving`,
  );
}

export interface NewMapping {
  name: string;
  description?: string;
  templateId?: string;
  document?: unknown;
  syncId?: string;
  /** Start from two described systems (keys from `mappings.systems()`) instead of a template. */
  sides?: { a: NewMappingSide; b: NewMappingSide };
}

export interface NewMappingSide {
  system: string;
  entity: string;
}

export async function createMapping(
  wdb: WorkspaceDb,
  workspaceId: string,
  input: NewMapping,
): Promise<{ id: string }> {
  const sync = input.syncId ? await wdb.sync.findFirst({ where: { id: input.syncId } }) : null;
  if (input.syncId && !sync) throw new TandemError("NOT_FOUND", `no sync ${input.syncId} here`);

  if (input.sides && (input.document !== undefined || input.templateId !== undefined))
    throw new TandemError(
      "INVALID_INPUT",
      "a new mapping starts from sides, a template or a document, not several",
    );

  let document: MappingDocument;
  if (input.sides) {
    const [a, b] = await Promise.all([
      findWorkspaceSystem(wdb, input.sides.a.system),
      findWorkspaceSystem(wdb, input.sides.b.system),
    ]);
    document = twoSidedMappingDocument(input.name, {
      a: { system: a, entity: input.sides.a.entity },
      b: { system: b, entity: input.sides.b.entity },
    });
  } else if (input.document !== undefined) {
    document = readMappingDocument(input.document);
  } else if (input.templateId !== undefined) {
    const template = MAPPING_TEMPLATES.find((candidate) => candidate.id === input.templateId);
    if (!template) {
      const known = MAPPING_TEMPLATES.map((candidate) => candidate.id).join(", ");
      throw new TandemError(
        "INVALID_INPUT",
        `no template "${input.templateId}"; the templates are ${known}`,
      );
    }
    document = MappingDocument.parse(template);
  } else {
    const connections = sync
      ? await wdb.connection.findMany({
          where: { id: { in: [sync.connectionAId, sync.connectionBId] } },
        })
      : [];
    const kindOf = (id: string | undefined) => connections.find((c) => c.id === id)?.kind;
    document = emptyMappingDocument(input.name, {
      a: kindOf(sync?.connectionAId) ?? "system-a",
      b: kindOf(sync?.connectionBId) ?? "system-b",
    });
  }
  try {
    const mapping = await wdb.mapping.create({
      data: {
        name: input.name,
        description: input.description ?? document.description ?? null,
        syncId: input.syncId ?? null,
        draft: documentText(document),
        workspaceId,
      },
    });
    return { id: mapping.id };
  } catch (error) {
    if (isUniqueViolation(error))
      throw new TandemError(
        "CONFLICT",
        `sync ${input.syncId} already has a mapping; open that one instead`,
      );
    throw error;
  }
}

export async function saveMappingDraft(
  wdb: WorkspaceDb,
  input: { id: string; document: unknown; baseRevision: number },
): Promise<{ revision: number; savedAt: Date }> {
  const mapping = await findMapping(wdb, input.id);
  if (mapping.draftRevision !== input.baseRevision)
    throw staleRevision(mapping, input.baseRevision);
  const document = readMappingDocument(input.document);
  const savedAt = new Date();
  // Compare-and-set on the revision: of two concurrent saves from the same base, one wins.
  const { count } = await wdb.mapping.updateMany({
    where: { id: mapping.id, draftRevision: input.baseRevision },
    data: {
      draft: documentText(document),
      draftRevision: { increment: 1 },
      draftSavedAt: savedAt,
    },
  });
  if (count === 0) throw staleRevision(await findMapping(wdb, input.id), input.baseRevision);
  return { revision: input.baseRevision + 1, savedAt };
}

function summaryAgainst(previous: MappingDocument | null, next: MappingDocument): VersionSummary {
  if (previous) return summarizeDiff(diffMappingDocuments(previous, next));
  const first = summarizeDiff(
    diffMappingDocuments(emptyMappingDocument(next.name, { a: "a", b: "b" }), next),
  );
  return { ...first, text: `first version: ${first.text}` };
}

export interface PublishResult {
  hash: string;
  created: boolean;
  summary: VersionSummary;
}

/** Compiles the saved draft into an immutable version, and points the mapping and its sync at it. */
export async function publishMappingDraft(
  wdb: WorkspaceDb,
  workspaceId: string,
  input: { id: string; baseRevision: number; note?: string },
): Promise<PublishResult> {
  const mapping = await findMapping(wdb, input.id);
  if (mapping.draftRevision !== input.baseRevision)
    throw staleRevision(mapping, input.baseRevision);
  const document = storedMappingDocument(mapping.draft);
  const { plan, diagnostics } = compileDocument(document);
  if (!plan || hasErrors(diagnostics)) {
    throw refuseDocument(
      `"${mapping.name}" cannot be published`,
      diagnostics.filter((diagnostic) => diagnostic.severity === "error"),
    );
  }
  let version = await wdb.mappingVersion.findFirst({
    where: { mappingId: mapping.id, hash: plan.hash },
  });
  let created = false;
  if (!version) {
    const previous = mapping.publishedHash
      ? await wdb.mappingVersion.findFirst({
          where: { mappingId: mapping.id, hash: mapping.publishedHash },
        })
      : null;
    const summary = summaryAgainst(
      previous ? storedMappingDocument(previous.document) : null,
      document,
    );
    try {
      version = await wdb.mappingVersion.create({
        data: {
          workspaceId,
          mappingId: mapping.id,
          hash: plan.hash,
          document: documentText(document),
          plan: JSON.stringify(plan),
          summary: JSON.stringify(summary),
          note: input.note ?? null,
        },
      });
      created = true;
    } catch (error) {
      // The same draft published twice at once: the other request wrote the version.
      if (!isUniqueViolation(error)) throw error;
      version = await findVersion(wdb, mapping.id, plan.hash);
    }
  }
  await pinPublishedVersion(wdb, mapping, version.hash);
  return { hash: version.hash, created, summary: versionSummary(version) };
}

async function pinPublishedVersion(wdb: WorkspaceDb, mapping: Mapping, hash: string) {
  await wdb.mapping.updateMany({ where: { id: mapping.id }, data: { publishedHash: hash } });
  if (mapping.syncId)
    await wdb.sync.updateMany({ where: { id: mapping.syncId }, data: { planVersion: hash } });
}

/** Runs an earlier version again: the sync is pinned to it and the draft starts from it. */
export async function rollbackMapping(
  wdb: WorkspaceDb,
  input: { id: string; hash: string },
): Promise<{ publishedHash: string; draftRevision: number }> {
  const mapping = await findMapping(wdb, input.id);
  const version = await findVersion(wdb, mapping.id, input.hash);
  await wdb.mapping.updateMany({
    where: { id: mapping.id },
    data: {
      draft: version.document,
      draftRevision: { increment: 1 },
      draftSavedAt: new Date(),
    },
  });
  await pinPublishedVersion(wdb, mapping, version.hash);
  const after = await findMapping(wdb, mapping.id);
  return { publishedHash: version.hash, draftRevision: after.draftRevision };
}

/** The document of a version, or of the current draft. */
export async function mappingDocumentAt(
  wdb: WorkspaceDb,
  mapping: Mapping,
  /** A version hash, or "draft". */
  hash: string,
): Promise<MappingDocument> {
  if (hash === "draft") return storedMappingDocument(mapping.draft);
  return storedMappingDocument((await findVersion(wdb, mapping.id, hash)).document);
}

export async function diffMappingVersions(
  wdb: WorkspaceDb,
  input: { id: string; from: string; to: string },
): Promise<MappingDiff & { summary: VersionSummary }> {
  const mapping = await findMapping(wdb, input.id);
  const [from, to] = await Promise.all([
    mappingDocumentAt(wdb, mapping, input.from),
    mappingDocumentAt(wdb, mapping, input.to),
  ]);
  const diff = diffMappingDocuments(from, to);
  return { ...diff, summary: summarizeDiff(diff) };
}

export async function exportMappingDocument(
  wdb: WorkspaceDb,
  input: { id: string; hash?: string },
): Promise<{ fileName: string; text: string }> {
  const mapping = await findMapping(wdb, input.id);
  const document = await mappingDocumentAt(wdb, mapping, input.hash ?? "draft");
  const slug =
    mapping.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "mapping";
  const suffix = input.hash ? `-${input.hash.replace(/^sha256:/, "").slice(0, 12)}` : "";
  return {
    fileName: `${slug}${suffix}.mapping.json`,
    text: `${JSON.stringify(document, null, 2)}\n`,
  };
}
