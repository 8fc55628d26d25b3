import type { EntityPage, EntityRecord, SyncEntity } from "@tandem/connectors";
import { describe, expect, it } from "vitest";
import { createListingSnapshots, searchPagesListing } from "./listing-snapshot";

/** A vendor listing in pages of two, counting the pages it served. */
function pagedEntity(records: EntityRecord[], failFirst = false) {
  let served = 0;
  let failures = failFirst ? 1 : 0;
  const entity: SyncEntity = {
    entity: "employee",
    read: (id) => Promise.resolve(records.find((record) => record.id === id) ?? null),
    list(cursor): Promise<EntityPage> {
      if (failures > 0) {
        failures -= 1;
        return Promise.reject(new Error("503 from the vendor"));
      }
      served += 1;
      const start = Number(cursor ?? 0);
      return Promise.resolve({
        items: records.slice(start, start + 2),
        nextCursor: start + 2 < records.length ? String(start + 2) : null,
      });
    },
    create: () => Promise.reject(new Error("not used")),
    update: () => Promise.reject(new Error("not used")),
  };
  return { entity, pagesServed: () => served };
}

const person = (id: string, fields: Record<string, unknown>): EntityRecord => ({
  id,
  fields,
  modifiedAt: null,
});

const company = [
  person("g1", { work_email: "ada@acme.test", email: "ada@home.test" }),
  person("g2", { work_email: " Grace@Acme.test ", email: null }),
  person("g3", { work_email: "hedy@acme.test", job: { title: "Engineer" } }),
];

describe("a drain's listing snapshots", () => {
  it("pages a side once for all of a drain's searches, by any field", async () => {
    const payroll = pagedEntity(company);
    const hris = pagedEntity([]);
    const snapshots = createListingSnapshots({ a: hris.entity, b: payroll.entity });
    const found = await Promise.all([
      snapshots.search("b", { field: "work_email", value: "ada@acme.test" }),
      snapshots.search("b", { field: "email", value: "ada@home.test" }),
      snapshots.search("b", { field: "job.title", value: "Engineer" }),
      snapshots.search("b", { field: "work_email", value: "nobody@acme.test" }),
    ]);
    expect(found.map((records) => records.map((record) => record.id))).toEqual([
      ["g1"],
      ["g1"],
      ["g3"],
      [],
    ]);
    expect(payroll.pagesServed()).toBe(2);
    expect(hris.pagesServed()).toBe(0);
  });

  it("compares ignoring case and surrounding space, and never matches a missing value", async () => {
    const payroll = pagedEntity(company);
    const snapshots = createListingSnapshots({ a: pagedEntity([]).entity, b: payroll.entity });
    const grace = await snapshots.search("b", { field: "work_email", value: "grace@ACME.test" });
    expect(grace.map((record) => record.id)).toEqual(["g2"]);
    expect(await snapshots.search("b", { field: "email", value: "null" })).toEqual([]);
    expect(await snapshots.search("b", { field: "phone", value: "" })).toEqual([]);
  });

  it("finds a record the drain created after the side was listed", async () => {
    const snapshots = createListingSnapshots({
      a: pagedEntity([]).entity,
      b: pagedEntity(company).entity,
    });
    expect(await snapshots.search("b", { field: "work_email", value: "joan@acme.test" })).toEqual(
      [],
    );
    snapshots.remember("b", person("g4", { work_email: "joan@acme.test" }));
    const joan = await snapshots.search("b", { field: "work_email", value: "joan@acme.test" });
    expect(joan.map((record) => record.id)).toEqual(["g4"]);
    expect((await snapshots.all("b")).map((record) => record.id)).toEqual(["g1", "g2", "g3", "g4"]);
  });

  it("does not keep a failed listing: the next search lists again", async () => {
    const payroll = pagedEntity(company, true);
    const snapshots = createListingSnapshots({ a: pagedEntity([]).entity, b: payroll.entity });
    await expect(
      snapshots.search("b", { field: "work_email", value: "ada@acme.test" }),
    ).rejects.toThrow("503");
    const ada = await snapshots.search("b", { field: "work_email", value: "ada@acme.test" });
    expect(ada.map((record) => record.id)).toEqual(["g1"]);
  });

  it("is used only for sides whose search pages the listing", () => {
    const { entity } = pagedEntity(company);
    const searching = { ...entity, findByField: () => Promise.resolve([]) };
    expect(searchPagesListing(entity)).toBe(true);
    expect(searchPagesListing(searching)).toBe(false);
    expect(searchPagesListing({ ...searching, findByFieldPagesListing: true })).toBe(true);
  });
});
