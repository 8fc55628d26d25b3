import { ApplicationFailure } from "@temporalio/common";
import { MockActivityEnvironment } from "@temporalio/testing";
import { describe, expect, it } from "vitest";
import { withValueFreeFailures } from "./value-free-failures";

describe("withValueFreeFailures", () => {
  const environment = () => new MockActivityEnvironment();

  it("replaces a driver's message, which can quote row values, by the activity, sync and error kind", async () => {
    const refused = Object.assign(
      new Error('Invalid value for argument `after`: "ada@example.com"'),
      { code: "P2009" },
    );
    const activity = withValueFreeFailures("drainSyncQueue", (_input: { syncId: string }) =>
      Promise.reject(refused),
    );
    const failure = await environment()
      .run(activity, { syncId: "sync-1" })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    const { message, nonRetryable, type } = failure as ApplicationFailure;
    expect(message).toBe(
      "drainSyncQueue failed for sync sync-1: Error P2009 (details in the worker's log)",
    );
    expect(message).not.toContain("ada@example.com");
    expect(nonRetryable).toBe(false);
    expect(type).toBe("Error");
  });

  it("names the connection for an activity of a connection's change feed", async () => {
    const activity = withValueFreeFailures("pumpChangeFeed", (_input: { connectionId: string }) =>
      Promise.reject(new Error('duplicate key value violates unique constraint: "ada"')),
    );
    const failure = await environment()
      .run(activity, { connectionId: "conn-1" })
      .catch((error: unknown) => error);
    expect((failure as ApplicationFailure).message).toBe(
      "pumpChangeFeed failed for connection conn-1: Error (details in the worker's log)",
    );
  });

  it("passes results and Temporal's own failures through unchanged", async () => {
    const ok = withValueFreeFailures("drainSyncQueue", (_input: { syncId: string }) =>
      Promise.resolve(3),
    );
    expect(await environment().run(ok, { syncId: "s" })).toBe(3);
    const own = ApplicationFailure.nonRetryable("already value-free");
    const failing = withValueFreeFailures("drainSyncQueue", (_input: { syncId: string }) =>
      Promise.reject(own),
    );
    await expect(environment().run(failing, { syncId: "s" })).rejects.toBe(own);
  });
});
