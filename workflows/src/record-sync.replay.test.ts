import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { temporal } from "@temporalio/proto";
import { Worker } from "@temporalio/worker";
import { describe, it } from "vitest";
import { bundleWorkflows } from "./worker";

// Recorded histories of real runs (scripts/export-history.ts). Replaying them against the
// current workflow code fails on any change that would break workflows already running.
const historyDir = path.resolve(import.meta.dirname, "..", "history_files");
const histories = readdirSync(historyDir).filter((file) => file.endsWith(".bin"));

describe("recordSyncWorkflow replays its recorded histories", () => {
  it.each(histories)(
    "%s",
    async (file) => {
      const history = temporal.api.history.v1.History.decode(
        readFileSync(path.join(historyDir, file)),
      );
      await Worker.runReplayHistory({ workflowBundle: await bundleWorkflows() }, history);
    },
    120_000,
  );
});
