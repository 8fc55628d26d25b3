"use client";
import { useMutation } from "@tanstack/react-query";
import type { MappingDocumentInput } from "@tandem/mapping";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTRPC } from "~/trpc/react";

export type SaveStatus =
  | { state: "saved"; at: Date }
  | { state: "unsaved" }
  | { state: "saving" }
  | { state: "offline"; retryAt: Date; error: string }
  | { state: "conflict"; error: string }
  | { state: "refused"; error: string };

interface LocalDraft {
  baseRevision: number;
  text: string;
  keptAt: string;
}

const SAVE_DELAY_MS = 700;
const MAX_RETRY_MS = 30_000;

export const localDraftKey = (mappingId: string) => `tandem.mapping-draft.${mappingId}`;

export function readLocalDraft(mappingId: string): LocalDraft | null {
  try {
    const text = window.localStorage.getItem(localDraftKey(mappingId));
    return text ? (JSON.parse(text) as LocalDraft) : null;
  } catch {
    return null;
  }
}

function errorCode(error: unknown): string | undefined {
  const data = (error as { data?: { code?: unknown } } | null)?.data;
  return typeof data?.code === "string" ? data.code : undefined;
}

/**
 * Saves the draft shortly after each edit. A save that fails for a reason other than a
 * refusal (server down, network gone) keeps the document in localStorage and retries with
 * backoff, so an edit is never lost; a reload restores it.
 */
export function useDraftAutosave(options: {
  mappingId: string;
  document: MappingDocumentInput | null;
  revision: number;
  savedText: string;
}) {
  const trpc = useTRPC();
  const { mutateAsync } = useMutation(trpc.mappings.saveDraft.mutationOptions());
  const revision = useRef(options.revision);
  const savedText = useRef(options.savedText);
  const latest = useRef<MappingDocumentInput | null>(options.document);
  const retryDelay = useRef(1_000);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<number | null> | null>(null);
  const [status, setStatus] = useState<SaveStatus>({ state: "saved", at: new Date() });
  latest.current = options.document;

  const save = useCallback(async (): Promise<number | null> => {
    if (inFlight.current) await inFlight.current;
    const document = latest.current;
    if (!document) return revision.current;
    const text = JSON.stringify(document);
    if (text === savedText.current) return revision.current;
    const keep: LocalDraft = {
      baseRevision: revision.current,
      text,
      keptAt: new Date().toISOString(),
    };
    window.localStorage.setItem(localDraftKey(options.mappingId), JSON.stringify(keep));
    setStatus({ state: "saving" });
    const attempt = mutateAsync({
      id: options.mappingId,
      document,
      baseRevision: revision.current,
    }).then(
      (result) => {
        revision.current = result.revision;
        savedText.current = text;
        retryDelay.current = 1_000;
        if (readLocalDraft(options.mappingId)?.text === text)
          window.localStorage.removeItem(localDraftKey(options.mappingId));
        setStatus(
          JSON.stringify(latest.current) === text
            ? { state: "saved", at: new Date(result.savedAt) }
            : { state: "unsaved" },
        );
        return result.revision;
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        const code = errorCode(error);
        if (code === "CONFLICT") setStatus({ state: "conflict", error: message });
        else if (code === "BAD_REQUEST") setStatus({ state: "refused", error: message });
        else {
          const delay = retryDelay.current;
          retryDelay.current = Math.min(delay * 2, MAX_RETRY_MS);
          setStatus({ state: "offline", retryAt: new Date(Date.now() + delay), error: message });
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => void save(), delay);
        }
        return null;
      },
    );
    inFlight.current = attempt;
    try {
      return await attempt;
    } finally {
      if (inFlight.current === attempt) inFlight.current = null;
    }
  }, [mutateAsync, options.mappingId]);

  useEffect(() => {
    if (!options.document) return;
    if (JSON.stringify(options.document) === savedText.current) return;
    setStatus((current) =>
      current.state === "offline" || current.state === "conflict" ? current : { state: "unsaved" },
    );
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
  }, [options.document, save]);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (latest.current && JSON.stringify(latest.current) !== savedText.current)
        event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  /** Saves now; resolves with the saved revision, or null when the save failed. */
  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    return save();
  }, [save]);

  /** After the server replaced the draft (rollback): adopt its revision and text. */
  const adopt = useCallback((nextRevision: number, text: string) => {
    revision.current = nextRevision;
    savedText.current = text;
    setStatus({ state: "saved", at: new Date() });
  }, []);

  return { status, flush, adopt, revision: revision.current };
}
