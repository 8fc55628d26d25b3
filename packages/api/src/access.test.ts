import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConnection, openMigratedDb, type Db } from "@tandem/db";
import { testDatabases } from "@tandem/db/testing";
import { bambooHrGustoTemplate } from "@tandem/mapping";
import {
  callerFor,
  callerWithToken,
  memberCaller,
  rejection,
  seedWorkspaces,
} from "../test/fixtures";

const secretKey = randomBytes(32);
const connectorAccess = { secretKey, allowPrivateNetwork: true };

/** What each workspace holds that another one's members must not reach by id. */
interface Holdings {
  syncId: string;
  connectionId: string;
  mappingId: string;
  reviewItemId: string;
}

describe.each(testDatabases())("roles and workspaces on $name", (database) => {
  let db: Db;
  const held: Record<"north" | "south", Holdings> = {} as Record<"north" | "south", Holdings>;

  beforeAll(async () => {
    db = await openMigratedDb(await database.create());
    for (const [slug, workspace] of Object.entries(await seedWorkspaces(db))) {
      const connection = (kind: "bamboohr" | "gusto") =>
        createConnection(db, secretKey, {
          workspaceId: workspace.id,
          kind,
          name: `${slug} ${kind}`,
          // Nothing listens on port 9: a call that got this far would fail as unreachable.
          settings:
            kind === "bamboohr"
              ? { baseUrl: "http://127.0.0.1:9", companyDomain: "acme" }
              : { baseUrl: "http://127.0.0.1:9", companyId: randomUUID() },
          secrets:
            kind === "bamboohr"
              ? { apiKey: randomUUID(), webhookPrivateKey: randomUUID() }
              : { accessToken: randomUUID(), webhookVerificationToken: randomUUID() },
        });
      const a = await connection("bamboohr");
      const b = await connection("gusto");
      const sync = await db.sync.create({
        data: {
          workspaceId: workspace.id,
          name: `${slug} sync`,
          connectionAId: a.id,
          connectionBId: b.id,
          planVersion: "p",
        },
      });
      const mapping = await callerFor(db, slug).mappings.create({
        name: `${slug} mapping`,
        templateId: "template.bamboohr-gusto",
        syncId: sync.id,
      });
      const item = await db.reviewItem.create({
        data: {
          workspaceId: workspace.id,
          syncId: sync.id,
          recordRef: "a:1",
          kind: "conflict",
          fingerprint: `${slug}-conflict`,
          groupKey: "lastName",
          summary: "both sides changed lastName",
          detail: "{}",
          planHash: "p",
        },
      });
      held[slug as "north" | "south"] = {
        syncId: sync.id,
        connectionId: a.id,
        mappingId: mapping.id,
        reviewItemId: item.id,
      };
    }
  });
  afterAll(async () => {
    await db?.$disconnect();
  });

  it("answers 401 to a caller with no session or a made-up one, before anything is read", async () => {
    for (const token of [null, randomBytes(32).toString("base64url"), "not-a-token"]) {
      const caller = callerWithToken(db, token);
      for (const call of [
        () => caller.syncs.overview(),
        () => caller.mappings.get({ id: held.north.mappingId }),
        () => caller.review.resolve({ id: held.north.reviewItemId, answer: { action: "dismiss" } }),
        () => caller.connections.unregisterWebhook({ connectionId: held.north.connectionId }),
      ])
        expect((await rejection(call())).code).toBe("UNAUTHORIZED");
    }
  });

  it("lets a viewer read but change nothing (403)", async () => {
    const viewer = memberCaller(db, "north", "viewer", connectorAccess);
    expect((await viewer.mappings.get({ id: held.north.mappingId })).name).toBe("north mapping");
    expect(await viewer.review.inspect({ id: held.north.reviewItemId })).toMatchObject({
      status: "open",
    });
    const before = await db.mapping.findUniqueOrThrow({ where: { id: held.north.mappingId } });
    const changes = [
      () => viewer.mappings.create({ name: "mine", templateId: "template.bamboohr-gusto" }),
      () =>
        viewer.mappings.saveDraft({
          id: held.north.mappingId,
          document: bambooHrGustoTemplate,
          baseRevision: before.draftRevision,
        }),
      () =>
        viewer.mappings.publish({ id: held.north.mappingId, baseRevision: before.draftRevision }),
      () => viewer.mappings.rollback({ id: held.north.mappingId, hash: "sha256:x" }),
      () => viewer.mappings.whatIf({ id: held.north.mappingId }),
      () => viewer.review.resolve({ id: held.north.reviewItemId, answer: { action: "dismiss" } }),
      () => viewer.review.replay({ syncId: held.north.syncId }),
      () => viewer.connections.registerWebhook({ connectionId: held.north.connectionId }),
      () => viewer.connections.unregisterWebhook({ connectionId: held.north.connectionId }),
      () => viewer.syncs.configureReconcile({ syncId: held.north.syncId, paused: true }),
      () => viewer.syncs.reconcileNow({ syncId: held.north.syncId }),
    ];
    for (const change of changes) expect((await rejection(change())).code).toBe("FORBIDDEN");
    expect(await viewer.syncs.reconcileRuns({ syncId: held.north.syncId })).toEqual([]);
    expect(await db.mapping.findUniqueOrThrow({ where: { id: held.north.mappingId } })).toEqual(
      before,
    );
    expect(
      await db.reviewItem.findUniqueOrThrow({ where: { id: held.north.reviewItemId } }),
    ).toMatchObject({ status: "open", resolvedBy: null });
  });

  it("keeps connections and their webhooks to admins (an operator gets 403)", async () => {
    const operator = memberCaller(db, "north", "operator", connectorAccess);
    for (const call of [
      () => operator.connections.registerWebhook({ connectionId: held.north.connectionId }),
      () => operator.connections.unregisterWebhook({ connectionId: held.north.connectionId }),
    ])
      expect((await rejection(call())).code).toBe("FORBIDDEN");
  });

  it("records the signed-in operator's email as who resolved a review item", async () => {
    const operator = memberCaller(db, "south", "operator");
    await operator.review.resolve({ id: held.south.reviewItemId, answer: { action: "take-a" } });
    const item = await operator.review.inspect({ id: held.south.reviewItemId });
    expect(item.resolvedBy).toBe("operator@south.test");
    expect(item.audit.map((row) => row.actor)).toContain("operator@south.test");
  });

  it("refuses another workspace's mappings, connections and review items by id, even to its admin", async () => {
    const north = callerFor(db, "north", connectorAccess);
    const south = held.south;
    const before = await Promise.all([
      db.mapping.findUniqueOrThrow({ where: { id: south.mappingId } }),
      db.reviewItem.findUniqueOrThrow({ where: { id: south.reviewItemId } }),
      db.connection.findUniqueOrThrow({ where: { id: south.connectionId } }),
    ]);
    const attempts = [
      () => north.mappings.get({ id: south.mappingId }),
      () =>
        north.mappings.saveDraft({
          id: south.mappingId,
          document: bambooHrGustoTemplate,
          baseRevision: before[0].draftRevision,
        }),
      () => north.mappings.publish({ id: south.mappingId, baseRevision: before[0].draftRevision }),
      () => north.mappings.samples({ id: south.mappingId, side: "a" }),
      () => north.mappings.whatIf({ id: south.mappingId }),
      () => north.mappings.exportDocument({ id: south.mappingId }),
      () => north.mappings.create({ name: "steal", syncId: south.syncId }),
      () => north.review.inspect({ id: south.reviewItemId }),
      () => north.review.resolve({ id: south.reviewItemId, answer: { action: "dismiss" } }),
      () =>
        north.connections.registerWebhook({
          connectionId: south.connectionId,
          publicBaseUrl: "https://tandem.example.com",
        }),
      () => north.connections.unregisterWebhook({ connectionId: south.connectionId }),
      () => north.syncs.reconcileRuns({ syncId: south.syncId }),
      () => north.syncs.configureReconcile({ syncId: south.syncId, paused: true }),
      () => north.syncs.reconcileNow({ syncId: south.syncId }),
    ];
    for (const [index, attempt] of attempts.entries())
      expect([index, (await rejection(attempt())).code]).toEqual([index, "NOT_FOUND"]);
    // A replay of the other workspace's sync finds nothing of its own to queue.
    expect(await north.review.replay({ syncId: south.syncId })).toEqual({ queued: 0 });
    expect(await north.review.list({ syncId: south.syncId })).toEqual([]);
    expect(
      await Promise.all([
        db.mapping.findUniqueOrThrow({ where: { id: south.mappingId } }),
        db.reviewItem.findUniqueOrThrow({ where: { id: south.reviewItemId } }),
        db.connection.findUniqueOrThrow({ where: { id: south.connectionId } }),
      ]),
    ).toEqual(before);
    expect(
      await db.syncEvent.count({
        where: {
          workspaceId: (await db.workspace.findUniqueOrThrow({ where: { slug: "south" } })).id,
          kind: "replay",
        },
      }),
    ).toBe(0);
  });
});
