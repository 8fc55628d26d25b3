"use client";
import { useQuery } from "@tanstack/react-query";
import { parseMappingDocument, type MappingDocument } from "@tandem/mapping";
import { ReactFlowProvider } from "@xyflow/react";
import { useEffect, useMemo } from "react";
import { useTRPC } from "~/trpc/react";
import { EditorWorkspace } from "./editor-workspace";
import { documentToGraph, graphToDocument } from "./flow-conversion";
import { compileWorker } from "./use-compiler";
import { readLocalDraft } from "./use-draft-autosave";

const canonicalText = (document: MappingDocument) =>
  JSON.stringify(graphToDocument(documentToGraph(document)));

/** Loads a mapping's draft, restoring a copy this browser kept when a save failed. */
export function MappingEditor({ mappingId }: { mappingId: string }) {
  const trpc = useTRPC();
  useEffect(() => void compileWorker(), []);
  const mapping = useQuery(
    trpc.mappings.get.queryOptions(
      { id: mappingId },
      { refetchOnWindowFocus: false, staleTime: Infinity },
    ),
  );
  const initial = useMemo(() => {
    if (!mapping.data) return null;
    const server = parseMappingDocument(mapping.data.draft);
    if (!server.ok) return { error: server.diagnostics.map((d) => d.message).join("\n") };
    const savedText = canonicalText(server.document);
    const local = readLocalDraft(mappingId);
    if (local && local.baseRevision === mapping.data.draftRevision && local.text !== savedText) {
      const kept = parseMappingDocument(local.text);
      if (kept.ok) return { document: kept.document, savedText, restoredLocally: true };
    }
    return { document: server.document, savedText, restoredLocally: false };
    // The editor owns the draft once loaded; later refetches must not reset it.
  }, [mapping.data?.id, mapping.data?.draftRevision]);

  if (mapping.isPending) return <p className="p-6 text-slate-500">Loading the mapping…</p>;
  if (mapping.isError)
    return (
      <p role="alert" className="p-6 text-rose-700">
        Could not load the mapping: {mapping.error.message}
      </p>
    );
  if (!initial || "error" in initial)
    return (
      <p role="alert" className="p-6 whitespace-pre-wrap text-rose-700">
        The stored draft is not a valid mapping: {initial?.error}
      </p>
    );
  return (
    <ReactFlowProvider>
      <EditorWorkspace
        key={`${mapping.data.id}`}
        mappingId={mapping.data.id}
        mappingName={mapping.data.name}
        document={initial.document}
        revision={mapping.data.draftRevision}
        savedText={initial.savedText}
        publishedHash={mapping.data.publishedHash}
        restoredLocally={initial.restoredLocally}
      />
    </ReactFlowProvider>
  );
}
