"use client";
import type { SaveStatus } from "./use-draft-autosave";

export function SaveStatusLine({
  status,
  restoredLocally,
}: {
  status: SaveStatus;
  restoredLocally: boolean;
}) {
  let text: string;
  let tone = "text-slate-500";
  switch (status.state) {
    case "saved":
      text = `Draft saved ${status.at.toLocaleTimeString()}`;
      break;
    case "unsaved":
      text = "Unsaved changes…";
      break;
    case "saving":
      text = "Saving…";
      break;
    case "offline":
      text = `Server unreachable: kept in this browser, retrying at ${status.retryAt.toLocaleTimeString()}`;
      tone = "text-amber-700";
      break;
    case "conflict":
      text =
        "Changed in another tab or by someone else: reload to continue (your copy is kept in this browser)";
      tone = "text-rose-700";
      break;
    case "refused":
      text = `Draft refused: ${status.error}`;
      tone = "text-rose-700";
      break;
  }
  return (
    <span
      role="status"
      aria-live="polite"
      className={`ml-auto text-xs ${tone}`}
      data-save-state={status.state}
      data-testid="save-status"
    >
      {restoredLocally && status.state !== "saved"
        ? "Restored unsaved changes from this browser. "
        : ""}
      {text}
    </span>
  );
}
