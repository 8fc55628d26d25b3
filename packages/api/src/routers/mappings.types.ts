import { z } from "zod";
import { isConnectorKind, type ConnectorKind } from "@tandem/connectors";
import {
  MappingDocument,
  type ConflictSummary,
  type MappingDiff,
  type SampleRecord,
  type SyncPlan,
  type VersionSummary,
} from "@tandem/mapping";

const Id = z.string().min(1).max(200);
const Hash = z
  .string()
  .regex(/^sha256:[0-9a-f]{64}$/, 'a version hash is "sha256:" and 64 hex digits');
const Revision = z.number().int().min(0);
const Side = z.enum(["a", "b"]);
const MappingSide = z.object({
  system: z.string().min(1).max(300),
  entity: z.string().min(1).max(200),
});

/**
 * A value whose shape @tandem/mapping defines as a TypeScript type (and tests there): passed
 * through as it is. Documents have a zod schema and are checked with it.
 */
const mappingValue = <T extends object>() =>
  z.custom<T>((value) => typeof value === "object" && value !== null);

export const MappingRef = z.object({ id: Id });
export const VersionRef = z.object({ id: Id, hash: Hash });

export const CreateMappingInput = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2_000).optional(),
  templateId: z.string().min(1).max(200).optional(),
  document: z.unknown().optional(),
  syncId: Id.optional(),
  sides: z.object({ a: MappingSide, b: MappingSide }).optional(),
});
export const SaveDraftInput = z.object({ id: Id, document: z.unknown(), baseRevision: Revision });
export const PublishInput = z.object({
  id: Id,
  baseRevision: Revision,
  note: z.string().max(2_000).optional(),
});
export const DiffInput = z.object({ id: Id, from: Hash, to: z.union([Hash, z.literal("draft")]) });
export const SamplesInput = z.object({
  id: Id,
  side: Side,
  limit: z.number().int().min(1).max(20).default(5),
});
export const WhatIfInput = z.object({
  id: Id,
  limit: z.number().int().min(1).max(200).default(20),
});
export const ExportDocumentInput = z.object({ id: Id, hash: Hash.optional() });

export const MappingList = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    syncId: z.string().nullable(),
    syncName: z.string().nullable(),
    draftRevision: z.number(),
    draftSavedAt: z.date(),
    publishedHash: z.string().nullable(),
    versionCount: z.number(),
  }),
);

export const MappingTemplates = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    document: MappingDocument,
  }),
);

export const CreatedMapping = z.object({ id: z.string() });

export const MappingSystems = z.object({
  systems: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      kind: z.custom<ConnectorKind>((value) => typeof value === "string" && isConnectorKind(value)),
      connectionId: z.string().nullable(),
      problem: z.string().nullable(),
      entities: z.array(
        z.object({ entity: z.string(), label: z.string(), fieldCount: z.number() }),
      ),
    }),
  ),
});

const Summary = mappingValue<VersionSummary>();

export const MappingWithVersions = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  syncId: z.string().nullable(),
  draft: MappingDocument,
  draftRevision: z.number(),
  draftSavedAt: z.date(),
  publishedHash: z.string().nullable(),
  conflictSummary: mappingValue<ConflictSummary>(),
  versions: z.array(
    z.object({
      hash: z.string(),
      publishedAt: z.date(),
      note: z.string().nullable(),
      summary: Summary,
    }),
  ),
});

export const SavedDraft = z.object({ revision: z.number(), savedAt: z.date() });

export const Published = z.object({ hash: z.string(), created: z.boolean(), summary: Summary });

export const PublishedVersion = z.object({
  hash: z.string(),
  document: MappingDocument,
  plan: mappingValue<SyncPlan>(),
  summary: Summary,
  note: z.string().nullable(),
  publishedAt: z.date(),
});

export const VersionDiff = mappingValue<MappingDiff & { summary: VersionSummary }>();

export const RolledBack = z.object({ publishedHash: z.string(), draftRevision: z.number() });

export const MappingSamples = z.object({
  source: z.enum(["connection", "generated"]),
  records: z.array(mappingValue<SampleRecord>()),
  unavailableReason: z.string().optional(),
});

export const WhatIfReport = z.object({
  events: z.array(
    z.object({
      deliveryId: z.string(),
      direction: z.enum(["aToB", "bToA"]),
      externalId: z.string(),
      receivedAt: z.date(),
      source: z.enum(["live", "shadow"]),
      differences: z.array(
        z.object({ field: z.string(), published: z.unknown(), draft: z.unknown() }),
      ),
    }),
  ),
  changedEventCount: z.number(),
  skipped: z.array(
    z.object({ deliveryId: z.string(), externalId: z.string(), reason: z.string() }),
  ),
});

export const ExportedDocument = z.object({ fileName: z.string(), text: z.string() });
