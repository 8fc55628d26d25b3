import { randomUUID } from "node:crypto";
import { WorkflowFailedError } from "@temporalio/client";
import { ApplicationFailure } from "@temporalio/common";
import type { temporal as temporalProto } from "@temporalio/proto";
import { Worker } from "@temporalio/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "@tandem/db/testing";
import { syncExecutorWorkflowId } from "@tandem/sync-core";
import {
  ENCRYPTED_ENCODING,
  SYNC_EXECUTOR_WORKFLOW,
  tandemWorkerDataConverter,
} from "@tandem/workflows";
import {
  editInVendor,
  eventually,
  startSyncHarness,
  testSecretKey,
  type SyncHarness,
} from "../testing/sync-harness";
import { useTestTemporal } from "../testing/use-test-temporal";
import { workspaceRunHistory } from "./workflow-runs";

type HistoryEvent = temporalProto.api.history.v1.IHistoryEvent;

const temporal = useTestTemporal();
let harness: SyncHarness;

const [sqlite] = testDatabases();

beforeAll(async () => {
  if (!sqlite) throw new Error("no SQLite test database");
  harness = await startSyncHarness({
    databaseUrl: await sqlite.create(),
    env: temporal.env,
    workflowBundle: temporal.workflowBundle,
  });
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

/** The history exactly as Temporal stores it: no client-side decoding. */
async function rawHistory(workflowId: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await temporal.env.client.workflowService.getWorkflowExecutionHistory({
      namespace: temporal.env.namespace ?? "default",
      execution: { workflowId },
      ...(nextPageToken ? { nextPageToken } : {}),
    });
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return events;
}

interface ExposedPayload {
  encoding: string;
  /** Metadata and data as text. */
  text: string;
  data: string;
}

interface Exposed {
  /** Every payload the workflow's own code wrote. */
  payloads: ExposedPayload[];
  /**
   * What the SDK writes for `patched()`: a `core_patch` marker and the `TemporalChangeVersion`
   * search attribute, both plain JSON holding patch ids, outside the codec (search attributes
   * must stay readable to be indexed). Checked apart: they must hold patch ids and nothing else.
   */
  patchMetadata: ExposedPayload[];
  /** Every failure's message and stack trace. */
  failures: { message: string; text: string }[];
}

/** Collects what Temporal shows anyone who reads the history: payloads and failures. */
function exposedIn(events: HistoryEvent[]): Exposed {
  const exposed: Exposed = { payloads: [], patchMetadata: [], failures: [] };
  const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");
  const walk = (node: unknown, into = exposed.payloads): void => {
    if (typeof node !== "object" || node === null || ArrayBuffer.isView(node)) return;
    if (Array.isArray(node)) return node.forEach((item) => walk(item, into));
    const record = node as Record<string, unknown>;
    if (record.markerName === "core_patch") return walk(record.details, exposed.patchMetadata);
    const metadata = record.metadata as Record<string, unknown> | undefined;
    if (metadata && metadata.encoding instanceof Uint8Array) {
      const metadataText = Object.values(metadata)
        .filter((value): value is Uint8Array => value instanceof Uint8Array)
        .map(latin1)
        .join(" ");
      const data = record.data instanceof Uint8Array ? latin1(record.data) : "";
      into.push({ encoding: latin1(metadata.encoding), text: `${metadataText} ${data}`, data });
      return;
    }
    if (typeof record.message === "string" && "stackTrace" in record)
      exposed.failures.push({
        message: record.message,
        text: `${record.message} ${typeof record.stackTrace === "string" ? record.stackTrace : ""}`,
      });
    for (const [key, value] of Object.entries(record))
      walk(value, key === "TemporalChangeVersion" ? exposed.patchMetadata : into);
  };
  walk(events);
  return exposed;
}

function expectNoneInClear(exposed: Exposed, values: readonly string[]) {
  for (const { text } of [...exposed.payloads, ...exposed.patchMetadata, ...exposed.failures])
    for (const value of values) expect(text).not.toContain(value);
}

describe("Temporal sees HR data only encrypted", () => {
  it("keeps a real sync's inputs, results and signals encrypted in the raw history", async () => {
    const page = await harness.entities.hris.list();
    const person = page.items.find((item) => typeof item.fields.workEmail === "string");
    if (!person) throw new Error("no seeded employee with a work email");
    await editInVendor(harness.hris, person.id, { lastName: "Lovelace-Byron" });
    const written = await eventually(async () => {
      const [found] =
        (await harness.entities.payroll.findByField?.(
          "work_email",
          String(person.fields.workEmail),
        )) ?? [];
      expect(found?.fields.last_name).toBe("Lovelace-Byron");
      return found;
    });
    await harness.quiescent();

    const seeded = [...page.items.map((item) => item.fields), written?.fields ?? {}].flatMap(
      (fields) =>
        Object.entries(fields)
          .filter(([name]) => /name|email|rate|salary|amount|pay/i.test(name))
          .map(([, value]) => value)
          .filter(
            (value) =>
              (typeof value === "string" && value.length >= 3) || typeof value === "number",
          )
          .map(String)
          .filter((value) => value.length >= 3),
    );
    expect(seeded).toContain("Lovelace-Byron");
    expect(seeded).toContain(String(person.fields.workEmail));

    const events = await rawHistory(
      syncExecutorWorkflowId({ workspaceId: harness.workspaceId, syncId: harness.syncId }),
    );
    const exposed = exposedIn(events);
    expect(exposed.payloads.length).toBeGreaterThan(2);
    expect(new Set(exposed.payloads.map((payload) => payload.encoding))).toEqual(
      new Set([ENCRYPTED_ENCODING]),
    );
    for (const { data } of exposed.patchMetadata) {
      const parsed: unknown = JSON.parse(data);
      const ids = Array.isArray(parsed) ? parsed : [(parsed as { id?: unknown }).id];
      for (const id of ids) expect(id).toMatch(/^[a-z-]+$/);
    }
    expectNoneInClear(exposed, seeded);
  });

  it("encrypts failure messages and stack traces, and the run view decodes them for the workspace", async () => {
    const email = "grace.hopper@example.com";
    const taskQueue = `failing-${randomUUID()}`;
    const worker = await Worker.create({
      connection: temporal.env.nativeConnection,
      namespace: temporal.env.namespace ?? "default",
      taskQueue,
      workflowBundle: temporal.workflowBundle,
      dataConverter: tandemWorkerDataConverter(testSecretKey),
      activities: {
        // eslint-disable-next-line @typescript-eslint/require-await -- an activity is async
        drainSyncQueue: async () => {
          throw ApplicationFailure.nonRetryable(`the vendor refused work_email ${email}`);
        },
        nudgeWaitingSyncs: () => Promise.resolve(0),
      },
    });
    const workflowId = syncExecutorWorkflowId({
      workspaceId: harness.workspaceId,
      syncId: `failing-${randomUUID()}`,
    });
    const failure = await worker.runUntil(
      temporal.env.client.workflow
        .execute(SYNC_EXECUTOR_WORKFLOW, {
          workflowId,
          taskQueue,
          args: [{ workspaceId: harness.workspaceId, syncId: "failing" }],
        })
        .then(
          () => null,
          (error: unknown) => error,
        ),
    );
    // The client decodes: the message is intact for whoever holds the key.
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const activityFailure = (failure as WorkflowFailedError).cause?.cause;
    expect(activityFailure).toBeInstanceOf(ApplicationFailure);
    expect((activityFailure as ApplicationFailure).message).toContain(email);

    const exposed = exposedIn(await rawHistory(workflowId));
    expect(exposed.failures.length).toBeGreaterThan(0);
    for (const { message } of exposed.failures) expect(message).toBe("Encoded failure");
    expectNoneInClear(exposed, [email, "vendor refused"]);

    const view = await workspaceRunHistory(
      () => Promise.resolve(temporal.env.client),
      harness.workspaceId,
      {
        workflowId,
      },
    );
    expect(view.events.map((event) => event.summary).join("\n")).toContain(email);
  });
});
