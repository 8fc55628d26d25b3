import type { z } from "zod";
import { BenefitEnrollment } from "./benefit-enrollment";
import { Compensation } from "./compensation";
import { Department } from "./department";
import { Employee } from "./employee";
import { Employment } from "./employment";
import { describeEntityFields, type FieldMetadata } from "./field-metadata";
import { Location } from "./location";

/** Every entity of the normalized model, by name. */
export const HR_ENTITIES = {
  Employee,
  Employment,
  Compensation,
  BenefitEnrollment,
  Department,
  Location,
} as const satisfies Record<string, z.ZodObject>;

export type HrEntityName = keyof typeof HR_ENTITIES;
export const HR_ENTITY_NAMES = Object.keys(HR_ENTITIES) as HrEntityName[];

const metadataCache = new Map<HrEntityName, readonly FieldMetadata[]>();

/** Field metadata of a model entity, for the editor and for mapping sides built on the model. */
export function entityFieldMetadata(entity: HrEntityName): readonly FieldMetadata[] {
  let metadata = metadataCache.get(entity);
  if (!metadata) {
    metadata = describeEntityFields(HR_ENTITIES[entity]);
    metadataCache.set(entity, metadata);
  }
  return metadata;
}
