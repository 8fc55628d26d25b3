import { listSystemSummaries } from "../mapping-sides/workspace-systems";
import {
  listMappings,
  listMappingTemplates,
  readMappingVersion,
  readMappingWithVersions,
} from "../mappings/mapping-reads";
import { mappingSamples } from "../mappings/mapping-samples";
import {
  createMapping,
  diffMappingVersions,
  exportMappingDocument,
  publishMappingDraft,
  rollbackMapping,
  saveMappingDraft,
} from "../mappings/mapping-store";
import { whatIfDraft } from "../mappings/what-if";
import { reconcileScheduleDeps, scheduleReconcileOfMapping } from "../syncs/reconcile-runs";
import { createTRPCRouter, operatorProcedure, viewerProcedure } from "../trpc";
import {
  CreatedMapping,
  CreateMappingInput,
  DiffInput,
  ExportDocumentInput,
  ExportedDocument,
  MappingList,
  MappingRef,
  MappingSamples,
  MappingSystems,
  MappingTemplates,
  MappingWithVersions,
  Published,
  PublishedVersion,
  PublishInput,
  RolledBack,
  SamplesInput,
  SaveDraftInput,
  SavedDraft,
  VersionDiff,
  VersionRef,
  WhatIfInput,
  WhatIfReport,
} from "./mappings.types";

export const mappingsRouter = createTRPCRouter({
  list: viewerProcedure.output(MappingList).query(({ ctx }) => listMappings(ctx.wdb)),

  templates: viewerProcedure.output(MappingTemplates).query(() => listMappingTemplates()),

  create: operatorProcedure
    .input(CreateMappingInput)
    .output(CreatedMapping)
    .mutation(({ ctx, input }) => createMapping(ctx.wdb, ctx.workspace.id, input)),

  /** What the editor can put on a side: the workspace's connections, then vendor kinds. */
  systems: viewerProcedure
    .output(MappingSystems)
    .query(async ({ ctx }) => ({ systems: await listSystemSummaries(ctx.wdb) })),

  get: viewerProcedure
    .input(MappingRef)
    .output(MappingWithVersions)
    .query(({ ctx, input }) => readMappingWithVersions(ctx.wdb, input.id)),

  saveDraft: operatorProcedure
    .input(SaveDraftInput)
    .output(SavedDraft)
    .mutation(({ ctx, input }) => saveMappingDraft(ctx.wdb, input)),

  publish: operatorProcedure
    .input(PublishInput)
    .output(Published)
    .mutation(async ({ ctx, input }) => {
      const published = await publishMappingDraft(ctx.wdb, ctx.workspace.id, input);
      await scheduleReconcileOfMapping(ctx.wdb, reconcileScheduleDeps(ctx), input.id);
      return published;
    }),

  version: viewerProcedure
    .input(VersionRef)
    .output(PublishedVersion)
    .query(({ ctx, input }) => readMappingVersion(ctx.wdb, input)),

  diff: viewerProcedure
    .input(DiffInput)
    .output(VersionDiff)
    .query(({ ctx, input }) => diffMappingVersions(ctx.wdb, input)),

  rollback: operatorProcedure
    .input(VersionRef)
    .output(RolledBack)
    .mutation(({ ctx, input }) => rollbackMapping(ctx.wdb, input)),

  samples: viewerProcedure
    .input(SamplesInput)
    .output(MappingSamples)
    .query(({ ctx, input }) =>
      mappingSamples(
        { db: ctx.db, wdb: ctx.wdb, workspaceId: ctx.workspace.id, access: ctx.connectorAccess },
        input,
      ),
    ),

  /** A mutation although it writes nothing: each call spends threads and vendor reads. */
  whatIf: operatorProcedure
    .input(WhatIfInput)
    .output(WhatIfReport)
    .mutation(({ ctx, input }) =>
      whatIfDraft(
        { db: ctx.db, wdb: ctx.wdb, workspaceId: ctx.workspace.id, access: ctx.connectorAccess },
        input,
      ),
    ),

  exportDocument: viewerProcedure
    .input(ExportDocumentInput)
    .output(ExportedDocument)
    .query(({ ctx, input }) => exportMappingDocument(ctx.wdb, input)),
});
