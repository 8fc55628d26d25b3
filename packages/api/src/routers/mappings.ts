import { z } from "zod";
import { MAPPING_TEMPLATES, MappingDocument, summarizeConflictRules } from "@tandem/mapping";
import { storedMappingDocument } from "../mappings/mapping-documents";
import { mappingSamples } from "../mappings/mapping-samples";
import {
  createMapping,
  diffMappingVersions,
  exportMappingDocument,
  findMapping,
  findVersion,
  publishMappingDraft,
  rollbackMapping,
  saveMappingDraft,
  versionPlan,
  versionSummary,
} from "../mappings/mapping-store";
import { whatIfDraft } from "../mappings/what-if";
import { listWorkspaceSystems } from "../mapping-sides/workspace-systems";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

const Id = z.string().min(1).max(200);
const Hash = z
  .string()
  .regex(/^sha256:[0-9a-f]{64}$/, 'a version hash is "sha256:" and 64 hex digits');
const Revision = z.number().int().min(0);
const MappingSide = z.object({
  system: z.string().min(1).max(300),
  entity: z.string().min(1).max(200),
});

export const mappingsRouter = createTRPCRouter({
  list: workspaceProcedure.query(async ({ ctx }) => {
    const mappings = await ctx.wdb.mapping.findMany({
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
  }),

  templates: workspaceProcedure.query(() =>
    MAPPING_TEMPLATES.map((template) => ({
      id: template.id ?? template.name,
      name: template.name,
      description: template.description ?? null,
      document: MappingDocument.parse(template),
    })),
  ),

  create: workspaceProcedure
    .input(
      z.object({
        name: z.string().trim().min(1).max(200),
        description: z.string().max(2_000).optional(),
        templateId: z.string().min(1).max(200).optional(),
        document: z.unknown().optional(),
        syncId: Id.optional(),
        sides: z.object({ a: MappingSide, b: MappingSide }).optional(),
      }),
    )
    .mutation(({ ctx, input }) => createMapping(ctx.wdb, ctx.workspace.id, input)),

  /** What the editor can put on a side: the workspace's connections, then vendor kinds. */
  systems: workspaceProcedure.query(async ({ ctx }) => ({
    systems: (await listWorkspaceSystems(ctx.wdb)).map((system) => ({
      key: system.key,
      label: system.label,
      kind: system.kind,
      connectionId: system.connectionId,
      problem: system.problem,
      entities: system.entities.map((entity) => ({
        entity: entity.entity,
        label: entity.label,
        fieldCount: entity.fields.length,
      })),
    })),
  })),

  get: workspaceProcedure.input(z.object({ id: Id })).query(async ({ ctx, input }) => {
    const mapping = await findMapping(ctx.wdb, input.id);
    const versions = await ctx.wdb.mappingVersion.findMany({
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
      conflictSummary: summarizeConflictRules(draft),
      versions: versions.map((version) => ({
        hash: version.hash,
        publishedAt: version.publishedAt,
        note: version.note,
        summary: versionSummary(version),
      })),
    };
  }),

  saveDraft: workspaceProcedure
    .input(z.object({ id: Id, document: z.unknown(), baseRevision: Revision }))
    .mutation(({ ctx, input }) => saveMappingDraft(ctx.wdb, input)),

  publish: workspaceProcedure
    .input(z.object({ id: Id, baseRevision: Revision, note: z.string().max(2_000).optional() }))
    .mutation(({ ctx, input }) => publishMappingDraft(ctx.wdb, ctx.workspace.id, input)),

  version: workspaceProcedure
    .input(z.object({ id: Id, hash: Hash }))
    .query(async ({ ctx, input }) => {
      const mapping = await findMapping(ctx.wdb, input.id);
      const version = await findVersion(ctx.wdb, mapping.id, input.hash);
      return {
        hash: version.hash,
        document: storedMappingDocument(version.document),
        plan: versionPlan(version),
        summary: versionSummary(version),
        note: version.note,
        publishedAt: version.publishedAt,
      };
    }),

  diff: workspaceProcedure
    .input(z.object({ id: Id, from: Hash, to: z.union([Hash, z.literal("draft")]) }))
    .query(({ ctx, input }) => diffMappingVersions(ctx.wdb, input)),

  rollback: workspaceProcedure
    .input(z.object({ id: Id, hash: Hash }))
    .mutation(({ ctx, input }) => rollbackMapping(ctx.wdb, input)),

  samples: workspaceProcedure
    .input(
      z.object({
        id: Id,
        side: z.enum(["a", "b"]),
        limit: z.number().int().min(1).max(20).default(5),
      }),
    )
    .query(({ ctx, input }) =>
      mappingSamples(
        { db: ctx.db, wdb: ctx.wdb, workspaceId: ctx.workspace.id, access: ctx.connectorAccess },
        input,
      ),
    ),

  whatIf: workspaceProcedure
    .input(z.object({ id: Id, limit: z.number().int().min(1).max(200).default(20) }))
    .query(({ ctx, input }) =>
      whatIfDraft(
        { db: ctx.db, wdb: ctx.wdb, workspaceId: ctx.workspace.id, access: ctx.connectorAccess },
        input,
      ),
    ),

  exportDocument: workspaceProcedure
    .input(z.object({ id: Id, hash: Hash.optional() }))
    .query(({ ctx, input }) => exportMappingDocument(ctx.wdb, input)),
});
