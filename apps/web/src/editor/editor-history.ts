import type { EditorGraph } from "./flow-types";

export interface HistoryState {
  past: EditorGraph[];
  present: EditorGraph;
  future: EditorGraph[];
}

export type HistoryAction =
  /** A change worth undoing: the present moves to the past. */
  | { type: "commit"; update: (graph: EditorGraph) => EditorGraph }
  /** A change that is not an edit on its own (selection, measuring, a drag in progress). */
  | { type: "transient"; update: (graph: EditorGraph) => EditorGraph }
  /** Ends a gesture that ran as transient changes: `before` becomes one undo step. */
  | { type: "checkpoint"; before: EditorGraph }
  | { type: "undo" }
  | { type: "redo" }
  | { type: "reset"; graph: EditorGraph };

const LIMIT = 200;

export function historyReducer(state: HistoryState, action: HistoryAction): HistoryState {
  switch (action.type) {
    case "commit": {
      const next = action.update(state.present);
      if (next === state.present) return state;
      return { past: [...state.past, state.present].slice(-LIMIT), present: next, future: [] };
    }
    case "transient": {
      const next = action.update(state.present);
      return next === state.present ? state : { ...state, present: next };
    }
    case "checkpoint":
      if (action.before === state.present) return state;
      return {
        past: [...state.past, action.before].slice(-LIMIT),
        present: state.present,
        future: [],
      };
    case "undo": {
      const previous = state.past.at(-1);
      if (!previous) return state;
      return {
        past: state.past.slice(0, -1),
        present: previous,
        future: [state.present, ...state.future],
      };
    }
    case "redo": {
      const [next, ...rest] = state.future;
      if (!next) return state;
      return { past: [...state.past, state.present], present: next, future: rest };
    }
    case "reset":
      return { past: [], present: action.graph, future: [] };
  }
}
