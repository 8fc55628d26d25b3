import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  CONNECTOR_KIND_LABELS,
  CONNECTOR_KINDS,
  describeConnectorKind,
  type FieldDescription,
} from "@tandem/connectors";
import { createConnection, openMigratedDb, type Db } from "@tandem/db";
import { testDatabases } from "@tandem/db/testing";
import { parseMappingDocument, type SideField } from "@tandem/mapping";
import { DEFAULT_REST_DESCRIPTION } from "@tandem/simulators";
import { twoSidedMappingDocument } from "../mappings/side-documents";
import { callerFor, rejection, seedWorkspaces } from "../../test/fixtures";

// Compile-time: a connector's field description can be put on a side as it is.
type FieldDescriptionFitsSideField =
  FieldDescription extends z.input<typeof SideField> ? true : false;
const fieldDescriptionFitsSideField: FieldDescriptionFitsSideField = true;

const secretKey = randomBytes(32);
const STATIC_KINDS = ["bamboohr", "gusto", "hibob"] as const;

describe("side documents from connector descriptions", () => {
  it("checks at compile time that a field description fits a side field", () => {
    expect(fieldDescriptionFitsSideField).toBe(true);
  });

  it("makes a document parseMappingDocument accepts from every entity of every vendor kind", () => {
    const described = [
      ...STATIC_KINDS.map((kind) => ({ kind, description: describeConnectorKind(kind) })),
      {
        kind: "rest" as const,
        description: describeConnectorKind("rest", { description: DEFAULT_REST_DESCRIPTION }),
      },
    ];
    for (const { kind, description } of described) {
      const system = {
        key: `kind:${kind}`,
        label: CONNECTOR_KIND_LABELS[kind],
        kind,
        connectionId: null,
        entities: description.entities,
        problem: null,
      };
      expect(description.entities.length).toBeGreaterThan(0);
      for (const entity of description.entities) {
        const document = twoSidedMappingDocument(`${kind} ${entity.entity}`, {
          a: { system, entity: entity.entity },
          b: { system, entity: entity.entity },
        });
        const parsed = parseMappingDocument(JSON.stringify(document));
        if (!parsed.ok)
          throw new Error(`${kind}.${entity.entity}: ${parsed.diagnostics[0]?.message}`);
        const sideA = parsed.document.nodes.find((node) => node.id === "a");
        expect(sideA?.type === "side" && sideA.data.fields.map((field) => field.id)).toEqual(
          entity.fields.map((field) => field.id),
        );
      }
    }
  });
});

describe.each(testDatabases())("mapping systems on $name", (database) => {
  let db: Db;
  const connections: Record<string, { hris: string; api: string; broken: string }> = {};

  beforeAll(async () => {
    db = await openMigratedDb(await database.create());
    for (const [slug, workspace] of Object.entries(await seedWorkspaces(db))) {
      const hris = await createConnection(db, secretKey, {
        workspaceId: workspace.id,
        kind: "bamboohr",
        name: `${slug} HRIS`,
        settings: { baseUrl: "http://127.0.0.1:9", companyDomain: "acme" },
        secrets: { apiKey: randomUUID(), webhookPrivateKey: randomUUID() },
      });
      const api = await createConnection(db, secretKey, {
        workspaceId: workspace.id,
        kind: "rest",
        name: `${slug} people API`,
        settings: { baseUrl: "http://127.0.0.1:9", description: DEFAULT_REST_DESCRIPTION },
        secrets: { credential: randomUUID(), webhookSecret: "whsec_c2VjcmV0" },
      });
      const broken = await createConnection(db, secretKey, {
        workspaceId: workspace.id,
        kind: "rest",
        name: `${slug} broken API`,
        settings: { baseUrl: "http://127.0.0.1:9" },
        secrets: {},
      });
      connections[slug] = { hris: hris.id, api: api.id, broken: broken.id };
    }
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("lists the workspace's connections, then the vendor kinds described without settings", async () => {
    const { systems } = await callerFor(db, "north").mappings.systems();
    const north = connections.north;
    expect(systems.map((system) => system.key)).toEqual([
      `connection:${north?.hris}`,
      `connection:${north?.api}`,
      `connection:${north?.broken}`,
      ...STATIC_KINDS.map((kind) => `kind:${kind}`),
    ]);
    const rest = systems.find((system) => system.connectionId === north?.api);
    expect(rest).toMatchObject({ label: "north people API", kind: "rest", problem: null });
    const restFields = describeConnectorKind("rest", { description: DEFAULT_REST_DESCRIPTION })
      .entities[0]?.fields.length;
    expect(rest?.entities).toEqual([
      { entity: "employee", label: expect.any(String) as string, fieldCount: restFields },
    ]);
    const broken = systems.find((system) => system.connectionId === north?.broken);
    expect(broken?.entities).toEqual([]);
    expect(broken?.problem).toMatch(/description/);
    const gusto = systems.find((system) => system.key === "kind:gusto");
    expect(gusto).toMatchObject({ label: "Gusto", kind: "gusto", connectionId: null });
    expect(gusto?.entities.map((entity) => entity.entity)).toContain("employee");
    expect(JSON.stringify(systems)).not.toContain("whsec_");
    expect(CONNECTOR_KINDS).toEqual(expect.arrayContaining([...STATIC_KINDS, "rest"]));
  });

  it("creates a mapping whose sides carry the described fields", async () => {
    const north = callerFor(db, "north");
    const { id } = await north.mappings.create({
      name: "HRIS to people API",
      sides: {
        a: { system: `connection:${connections.north?.hris}`, entity: "employee" },
        b: { system: "kind:gusto", entity: "employee" },
      },
    });
    const { draft } = await north.mappings.get({ id });
    const sides = draft.nodes.flatMap((node) => (node.type === "side" ? [node] : []));
    expect(
      sides.map((node) => [node.id, node.position.x, node.data.system, node.data.entity]),
    ).toEqual([
      ["a", 0, "bamboohr", "employee"],
      ["b", 840, "gusto", "employee"],
    ]);
    const gustoEmployee = describeConnectorKind("gusto").entities.find(
      (entity) => entity.entity === "employee",
    );
    expect(sides[1]?.data.fields.map((field) => field.id)).toEqual(
      gustoEmployee?.fields.map((field) => field.id),
    );
    expect(sides[0]?.data.fields.find((field) => field.id === "firstName")).toMatchObject({
      type: "string",
      required: true,
      label: "First name",
    });
    expect(draft.edges).toEqual([]);
  });

  it("refuses unknown systems, unknown entities and other workspaces' connections", async () => {
    const north = callerFor(db, "north");
    const create = (a: string, entity = "employee") =>
      north.mappings.create({
        name: "refused",
        sides: { a: { system: a, entity }, b: { system: "kind:bamboohr", entity: "employee" } },
      });
    const foreign = await rejection(create(`connection:${connections.south?.hris}`));
    expect(foreign.code).toBe("BAD_REQUEST");
    expect(foreign.message).toMatch(/no system "connection:/);
    expect((await rejection(create("kind:rest"))).code).toBe("BAD_REQUEST");
    expect((await rejection(create("kind:nowhere"))).code).toBe("BAD_REQUEST");
    const entity = await rejection(create("kind:gusto", "payroll-run"));
    expect(entity.code).toBe("BAD_REQUEST");
    expect(entity.message).toMatch(
      /Gusto has no entity "payroll-run"; its entities are .*employee/,
    );
    const both = await rejection(
      north.mappings.create({
        name: "ambiguous",
        templateId: "template.bamboohr-gusto",
        sides: {
          a: { system: "kind:gusto", entity: "employee" },
          b: { system: "kind:bamboohr", entity: "employee" },
        },
      }),
    );
    expect(both.code).toBe("BAD_REQUEST");
    expect(await db.mapping.count({ where: { name: "refused" } })).toBe(0);
  });
});
