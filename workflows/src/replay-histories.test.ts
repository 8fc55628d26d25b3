// Replays recorded histories (workflows/history_files/, written by
// scripts/capture-workflow-histories.ts) against today's workflow code: a change that would
// make a running workflow take another path on replay (a non-determinism error) fails here,
// before it reaches a worker whose histories were made by the code before it.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import proto from "@temporalio/proto";
import { Worker, type WorkflowBundleWithSourceMap } from "@temporalio/worker";
import { beforeAll, describe, expect, it } from "vitest";
import { tandemWorkerDataConverter } from "./data-converter/worker-data-converter";
import { TEST_SECRET_KEY } from "./testing";
import { bundleWorkflows } from "./worker";

const folder = path.join(import.meta.dirname, "..", "history_files");
const files = readdirSync(folder).filter((file) => file.endsWith(".bin"));

let workflowBundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  workflowBundle = await bundleWorkflows();
}, 120_000);

describe("recorded workflow histories", () => {
  it("has one for each workflow the worker runs", () => {
    expect(files.sort()).toEqual(
      [
        "backfill.bin",
        "change-feed.bin",
        "dry-run.bin",
        "inbox-relay.bin",
        "reconcile.bin",
        "sync-executor.bin",
      ].sort(),
    );
  });

  it.each(files)("replays %s with today's workflow code", async (file) => {
    const history = proto.temporal.api.history.v1.History.decode(
      readFileSync(path.join(folder, file)),
    );
    expect(history.events?.length ?? 0).toBeGreaterThan(10);
    await Worker.runReplayHistory(
      { workflowBundle, dataConverter: tandemWorkerDataConverter(TEST_SECRET_KEY) },
      history,
    );
  });
});
