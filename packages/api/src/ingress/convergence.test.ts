// Randomized convergence on real components: both systems edited concurrently on overlapping
// people, webhooks duplicated, reordered and 10 % dropped, payroll answering 500/503 and the
// HRIS rate limiting for a while, the worker restarted mid-run and a Temporal outage (ingress
// cannot reach it and no worker runs while the second half of the edits is made). After
// quiescence, a reconciliation run (which finds what the dropped webhooks hid) and an
// operator's answers to what no rule could decide, both systems hold the same values as the
// published plan defines them, nobody exists twice, every settled change is audited once, and
// no inbox row is left unfinished. A failure names its seed; TANDEM_CONVERGENCE_SEEDS reruns it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "@tandem/db/testing";
import {
  prepareSyncPlan,
  sameValue,
  type PreparedSyncPlan,
  type SyncPlan,
} from "@tandem/sync-core";
import { scopeToWorkspace } from "@tandem/db";
import { RECONCILE_WORKFLOW, type ReconcileInput, type ReconcileReport } from "@tandem/workflows";
import { resolveReviewItem } from "../review/review-queue";
import {
  createInVendor,
  editInVendor,
  eventually,
  hrisHire,
  startSyncHarness,
  type SyncHarness,
} from "../testing/sync-harness";
import { useTestTemporal } from "../testing/use-test-temporal";

const SEEDS = (process.env.TANDEM_CONVERGENCE_SEEDS ?? "11,23")
  .split(",")
  .map((seed) => Number(seed.trim()))
  .filter((seed) => Number.isInteger(seed));
const PEOPLE = 8;
const EDITS = 40;

const temporal = useTestTemporal();

/** mulberry32: a small seeded generator, so a failing run can be repeated exactly. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Edit = { system: "hris" | "payroll"; person: number; fields: Record<string, unknown> };

function randomEdits(seed: number, terminated: boolean[]): Edit[] {
  const next = random(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  const edits: Edit[] = [];
  for (let i = 0; i < EDITS; i += 1) {
    const person = Math.floor(next() * PEOPLE);
    if (next() < 0.5) {
      const kind = pick(["name", "department", "title", "pay", "preferred", "status"] as const);
      const fields =
        kind === "name"
          ? { firstName: pick(["Ada", "Grace", "Hedy", "Joan"]) }
          : kind === "department"
            ? { department: pick(["R&D", "Ops", "Sales"]) }
            : kind === "title"
              ? { jobTitle: pick(["Engineer", "Lead", "Manager"]) }
              : kind === "pay"
                ? { payRate: pick(["90000.00 USD", "95000.00 USD", "101000.00 USD"]) }
                : kind === "preferred"
                  ? { preferredName: pick(["Ace", "Dee", null]) }
                  : terminated[person]
                    ? { status: "Active" }
                    : { status: "Inactive", terminationDate: "2026-11-30" };
      if ("status" in fields) terminated[person] = fields.status === "Inactive";
      edits.push({ system: "hris", person, fields });
    } else {
      const kind = pick(["name", "department", "pay", "preferred"] as const);
      const fields =
        kind === "name"
          ? { first_name: pick(["Ada", "Grace", "Katherine"]) }
          : kind === "department"
            ? { department: pick(["R&D", "Finance"]) }
            : kind === "pay"
              ? { rate: pick(["92000.00", "99000.00"]) }
              : { preferred_first_name: pick(["Bee", "Dee", null]) };
      edits.push({ system: "payroll", person, fields });
    }
  }
  return edits;
}

/** The fields a plan direction computes that disagree with the other side's record. */
async function disagreements(
  plan: PreparedSyncPlan,
  a: Record<string, unknown>,
  b: Record<string, unknown>,
): Promise<string[]> {
  const found: string[] = [];
  for (const [source, record, target, other] of [
    ["a", a, "b", b],
    ["b", b, "a", a],
  ] as const) {
    const direction = plan.from[source];
    const result = await direction.evaluate(record, other);
    if (!result.included) continue;
    const skipped = new Set(result.skipped.map((skip) => skip.field));
    for (const field of direction.targets) {
      if (skipped.has(field.field)) continue;
      const expected = field.read(result.record);
      const actual = plan.sides[target].readerOf(field.field)(other);
      if (!sameValue(expected, actual))
        found.push(
          `${target}.${field.field}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`,
        );
    }
  }
  return found;
}

describe.each(testDatabases())("convergence, on $name", (database) => {
  describe.each(SEEDS)("seed %i", (seed) => {
    let harness: SyncHarness;

    beforeAll(async () => {
      harness = await startSyncHarness({
        databaseUrl: await database.create(),
        env: temporal.env,
        workflowBundle: temporal.workflowBundle,
        seedEmployees: 0,
      });
    }, 60_000);
    afterAll(async () => {
      await harness?.close();
    });

    const quiescent = () => harness.quiescent(120_000);

    it("ends with both systems equal as the plan defines them, nobody twice, everything audited", async () => {
      const people: { hris: string; payroll: string; email: string }[] = [];
      for (let i = 0; i < PEOPLE; i += 1) {
        const email = `conv-${seed}-${i}@acme.test`;
        const { id } = await createInVendor(
          harness.hris,
          hrisHire({
            firstName: "Ada",
            lastName: `Person${i}`,
            workEmail: email,
          }),
        );
        people.push({ hris: id, payroll: "", email });
      }
      await eventually(async () => {
        for (const person of people) {
          const [found] =
            (await harness.entities.payroll.findByField?.("work_email", person.email)) ?? [];
          expect(found, `seed ${seed}: ${person.email} not in payroll yet`).toBeDefined();
          person.payroll = found?.id ?? "";
        }
      }, 60_000);
      await quiescent();

      const webhookFaults = { duplicateRate: 0.3, outOfOrderRate: 0.3, dropRate: 0.1 };
      harness.payroll.state.setFaults({
        seed,
        errorRate: 0.15,
        webhooks: { ...webhookFaults, holdMaxMs: 300 },
      });
      harness.hris.state.setFaults({
        seed,
        rateLimit: { enabled: true, limit: 40, windowMs: 1000 },
        webhooks: { ...webhookFaults, holdMaxMs: 300 },
      });
      const edits = randomEdits(
        seed,
        people.map(() => false),
      );
      const half = Math.floor(edits.length / 2);
      const apply = (batch: Edit[]) =>
        Promise.all(
          batch.map(async (edit, index) => {
            // A little spread, so edits to one person land both before and after each other's webhooks.
            await new Promise((resolve) => setTimeout(resolve, (index % 5) * 20));
            const person = people[edit.person];
            if (!person) return;
            const simulator = edit.system === "hris" ? harness.hris : harness.payroll;
            await editInVendor(
              simulator,
              edit.system === "hris" ? person.hris : person.payroll,
              edit.fields,
            );
          }),
        );
      // Edits to one person go one after another (as people do); different people at once.
      const byPerson = (batch: Edit[]) => {
        const lanes = new Map<number, Edit[]>();
        for (const edit of batch) lanes.set(edit.person, [...(lanes.get(edit.person) ?? []), edit]);
        return Promise.all(
          [...lanes.values()].map(async (lane) => {
            for (const edit of lane) await apply([edit]);
          }),
        );
      };
      await byPerson(edits.slice(0, half));
      // A Temporal outage: ingress cannot signal, and no worker runs, while the rest is edited.
      await harness.restartWorker(async () => {
        harness.setTemporalReachable(false);
        await byPerson(edits.slice(half));
        await Promise.all([
          harness.hris.state.whenWebhooksSettled(),
          harness.payroll.state.whenWebhooksSettled(),
        ]);
        harness.setTemporalReachable(true);
      });
      // The relay's round: executors of the changes stored during the outage are signalled.
      await harness.relay();
      const noWebhookFaults = { duplicateRate: 0, outOfOrderRate: 0, dropRate: 0 };
      harness.payroll.state.setFaults({ errorRate: 0, webhooks: noWebhookFaults });
      harness.hris.state.setFaults({ rateLimit: { enabled: false }, webhooks: noWebhookFaults });
      await quiescent();

      // Reconciliation finds what the dropped webhooks hid, and the executor repairs it.
      const reconcile = (run: number) =>
        temporal.env.client.workflow.execute(RECONCILE_WORKFLOW, {
          workflowId: `convergence-reconcile-${seed}-${harness.syncId}-${run}`,
          taskQueue: harness.taskQueue,
          args: [
            { workspaceId: harness.workspaceId, syncId: harness.syncId } satisfies ReconcileInput,
          ],
        }) as Promise<ReconcileReport>;
      expect(await reconcile(1), `seed ${seed}: reconciliation`).toMatchObject({
        status: "succeeded",
        listed: { a: PEOPLE, b: PEOPLE },
      });
      await quiescent();

      // What no rule could decide waits for an operator; answer it (HRIS wins) and let it apply.
      const wdb = scopeToWorkspace(harness.db, harness.workspaceId);
      const open = await harness.db.reviewItem.findMany({
        where: { workspaceId: harness.workspaceId, status: "open" },
      });
      for (const item of open)
        await resolveReviewItem(
          wdb,
          harness.workspaceId,
          {
            id: item.id,
            answer: item.kind === "conflict" ? { action: "take-a" } : { action: "retry" },
          },
          "convergence-test",
          harness.nudger,
        );
      await quiescent();
      expect(
        await harness.db.reviewItem.findMany({
          where: { workspaceId: harness.workspaceId, status: { in: ["open", "resolving"] } },
          select: { kind: true, summary: true },
        }),
        `seed ${seed}: review items left`,
      ).toEqual([]);
      // Nothing is left for reconciliation to find: every record matches its shadow.
      expect(await reconcile(2), `seed ${seed}: drift after convergence`).toMatchObject({
        status: "succeeded",
        drifted: { a: 0, b: 0 },
        enqueued: 0,
      });

      const version = await harness.db.mappingVersion.findFirstOrThrow({
        where: { workspaceId: harness.workspaceId, mappingId: harness.mappingId },
      });
      const plan = prepareSyncPlan(JSON.parse(version.plan) as SyncPlan);
      for (const person of people) {
        const [a, b] = await Promise.all([
          harness.entities.hris.read(person.hris),
          harness.entities.payroll.read(person.payroll),
        ]);
        if (!a || !b) throw new Error(`seed ${seed}: ${person.email} vanished`);
        expect(
          await disagreements(plan, a.fields, b.fields),
          `seed ${seed}: ${person.email}`,
        ).toEqual([]);
        expect(
          await harness.entities.payroll.findByField?.("work_email", person.email),
        ).toHaveLength(1);
        expect(await harness.entities.hris.findByField?.("workEmail", person.email)).toHaveLength(
          1,
        );
      }

      const settledChanges = await harness.db.syncEvent.findMany({
        where: { workspaceId: harness.workspaceId, status: { not: "pending" } },
        select: { id: true },
      });
      const audited = new Set(
        (
          await harness.db.auditEntry.findMany({
            where: { workspaceId: harness.workspaceId, stepId: { not: null } },
            select: { stepId: true },
          })
        ).map((row) => row.stepId),
      );
      const unaudited = settledChanges.filter((change) => !audited.has(change.id));
      expect(unaudited, `seed ${seed}: settled changes without an audit row`).toEqual([]);
      const duplicateRows = await harness.db.auditEntry.groupBy({
        by: ["stepId", "field", "direction", "outcome"],
        where: {
          workspaceId: harness.workspaceId,
          stepId: { not: null },
          outcome: { in: ["written", "created"] },
        },
        _count: true,
        having: { stepId: { _count: { gt: 1 } } },
      });
      expect(duplicateRows, `seed ${seed}: a change audited twice`).toEqual([]);
      expect(
        await harness.db.webhookEvent.count({
          where: { workspaceId: harness.workspaceId, status: { in: ["received", "queued"] } },
        }),
        `seed ${seed}: unfinished inbox rows`,
      ).toBe(0);
    }, 300_000);
  });
});
