import { describe, expect, it } from "vitest";
import { historyReducer, type HistoryState } from "./editor-history";
import type { EditorGraph } from "./flow-types";
import { templateGraph } from "../../test/editor-graphs";

const start = (): HistoryState => ({ past: [], present: templateGraph(), future: [] });
const rename =
  (label: string) =>
  (graph: EditorGraph): EditorGraph => ({ ...graph, meta: { ...graph.meta, name: label } });

describe("historyReducer", () => {
  it("undoes and redoes committed edits in order", () => {
    let state = start();
    const original = state.present;
    state = historyReducer(state, { type: "commit", update: rename("one") });
    state = historyReducer(state, { type: "commit", update: rename("two") });
    state = historyReducer(state, { type: "undo" });
    expect(state.present.meta.name).toBe("one");
    state = historyReducer(state, { type: "undo" });
    expect(state.present).toBe(original);
    state = historyReducer(state, { type: "redo" });
    expect(state.present.meta.name).toBe("one");
  });

  it("does not record transient changes, and a checkpoint makes a gesture one step", () => {
    let state = start();
    const before = state.present;
    state = historyReducer(state, { type: "transient", update: rename("dragging 1") });
    state = historyReducer(state, { type: "transient", update: rename("dragging 2") });
    expect(state.past).toHaveLength(0);
    state = historyReducer(state, { type: "checkpoint", before });
    expect(state.past).toEqual([before]);
    state = historyReducer(state, { type: "undo" });
    expect(state.present).toBe(before);
  });

  it("drops the redo stack on a new edit and ignores undo with nothing to undo", () => {
    let state = start();
    expect(historyReducer(state, { type: "undo" })).toBe(state);
    state = historyReducer(state, { type: "commit", update: rename("one") });
    state = historyReducer(state, { type: "undo" });
    state = historyReducer(state, { type: "commit", update: rename("other") });
    expect(state.future).toHaveLength(0);
    expect(historyReducer(state, { type: "redo" })).toBe(state);
  });
});
