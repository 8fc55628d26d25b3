import type { EntityDescription, FieldDescription } from "@tandem/connectors";
import {
  MAPPING_FORMAT,
  MappingDocument,
  type MappingDocumentInput,
  type SideField,
  type SideName,
} from "@tandem/mapping";
import { TandemError } from "../errors/tandem-error";
import type { DescribedSystem } from "../mapping-sides/workspace-systems";

/** One side of a new mapping: a described system and the entity of it the side shows. */
export interface DescribedSide {
  system: DescribedSystem;
  entity: string;
}

const SIDE_X: Record<SideName, number> = { a: 0, b: 840 };

/** A connector's field as a side handle; its prose description stays with the connector. */
export function sideFieldOf(field: FieldDescription): SideField {
  const { id, type, required, nullable, sensitive, enumValues, label } = field;
  return {
    id,
    type,
    required,
    nullable,
    sensitive,
    ...(enumValues === undefined ? {} : { enumValues }),
    ...(label === undefined ? {} : { label }),
  };
}

function entityOf(side: DescribedSide): EntityDescription {
  const entity = side.system.entities.find((candidate) => candidate.entity === side.entity);
  if (!entity) {
    const known = side.system.entities.map((candidate) => candidate.entity).join(", ") || "none";
    throw new TandemError(
      "INVALID_INPUT",
      `${side.system.label} has no entity "${side.entity}"; its entities are ${known}`,
    );
  }
  return entity;
}

function sideNode(name: SideName, kind: string, entity: EntityDescription) {
  return {
    id: name,
    type: "side" as const,
    position: { x: SIDE_X[name], y: 0 },
    data: {
      side: name,
      system: kind,
      entity: entity.entity,
      fields: entity.fields.map(sideFieldOf),
    },
  };
}

/** Two described sides and nothing between them: the start of a mapping drawn from scratch. */
export function twoSidedMappingDocument(
  name: string,
  sides: { a: DescribedSide; b: DescribedSide },
): MappingDocument {
  const input: MappingDocumentInput = {
    format: MAPPING_FORMAT,
    name,
    nodes: [
      sideNode("a", sides.a.system.kind, entityOf(sides.a)),
      sideNode("b", sides.b.system.kind, entityOf(sides.b)),
    ],
    edges: [],
  };
  return MappingDocument.parse(input);
}
