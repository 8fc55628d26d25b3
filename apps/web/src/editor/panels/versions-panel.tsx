"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  parseMappingDocument,
  type Diagnostic,
  type MappingDocument,
  type MappingDocumentInput,
  type SyncPlan,
} from "@tandem/mapping";
import { useRef, useState } from "react";
import { useTRPC } from "~/trpc/react";
import { DiffView } from "./diff-view";
import { ImportProblems } from "./import-problems";
import { WhatIfView } from "./what-if-view";

const shortHash = (hash: string) => hash.replace(/^sha256:/, "").slice(0, 12);

function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = fileName;
  anchor.click();
  URL.revokeObjectURL(url);
}

export function VersionsPanel(props: {
  mappingId: string;
  plan: SyncPlan | null;
  errorCount: number;
  flushDraft: () => Promise<number | null>;
  currentDocument: MappingDocumentInput;
  onImport: (document: MappingDocument) => void;
  onServerDocument: (document: MappingDocument, revision: number) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mapping = useQuery(trpc.mappings.get.queryOptions({ id: props.mappingId }));
  const invalidate = () =>
    queryClient.invalidateQueries({
      queryKey: trpc.mappings.get.queryKey({ id: props.mappingId }),
    });
  const publish = useMutation(trpc.mappings.publish.mutationOptions({ onSuccess: invalidate }));
  const rollback = useMutation(trpc.mappings.rollback.mutationOptions({ onSuccess: invalidate }));
  const exportDocument = useMutation({
    mutationFn: (input: { id: string; hash?: string }) =>
      queryClient.fetchQuery(trpc.mappings.exportDocument.queryOptions(input)),
  });
  const [note, setNote] = useState("");
  const [publishError, setPublishError] = useState<string | null>(null);
  const [importProblems, setImportProblems] = useState<Diagnostic[] | null>(null);
  const [diffPair, setDiffPair] = useState<{ from: string; to: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const versions = mapping.data?.versions ?? [];
  const published = mapping.data?.publishedHash ?? null;
  const draftIsPublished = props.plan?.hash !== undefined && props.plan.hash === published;

  const onPublish = async () => {
    setPublishError(null);
    const revision = await props.flushDraft();
    if (revision === null)
      return setPublishError("The draft could not be saved; publishing needs a saved draft.");
    publish.mutate(
      {
        id: props.mappingId,
        baseRevision: revision,
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      {
        onSuccess: (result) => {
          setNote("");
          if (versions[0]) setDiffPair({ from: versions[0].hash, to: result.hash });
        },
        onError: (error) => setPublishError(error.message),
      },
    );
  };

  const restoreVersion = async (hash: string, draftRevision: number) => {
    const restored = await queryClient.fetchQuery(
      trpc.mappings.version.queryOptions({ id: props.mappingId, hash }),
    );
    const parsed = parseMappingDocument(restored.document);
    if (parsed.ok) props.onServerDocument(parsed.document, draftRevision);
  };

  const onImportFile = async (file: File) => {
    const parsed = parseMappingDocument(await file.text());
    if (!parsed.ok) return setImportProblems(parsed.diagnostics);
    setImportProblems(null);
    props.onImport(parsed.document);
  };

  return (
    <div className="space-y-5">
      <section aria-label="Publish" className="space-y-2">
        <h2 className="text-sm font-semibold">Publish</h2>
        <p className="text-xs text-slate-600">
          Publishing freezes the draft as a version named by its plan hash; the sync runs the
          published version.
        </p>
        <p className="font-mono text-xs" data-testid="draft-hash">
          Draft plan: {props.plan ? shortHash(props.plan.hash) : "does not compile"}
          {draftIsPublished ? " (published)" : ""}
        </p>
        <input
          aria-label="Change note"
          placeholder="What changed (optional)"
          className="block w-full rounded border border-slate-300 px-2 py-1 text-sm"
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
        <button
          type="button"
          className="rounded bg-sky-700 px-3 py-1.5 text-sm text-white disabled:opacity-40"
          disabled={props.errorCount > 0 || !props.plan || publish.isPending}
          onClick={() => void onPublish()}
        >
          {publish.isPending ? "Publishing…" : "Publish version"}
        </button>
        {props.errorCount > 0 ? (
          <p className="text-xs text-rose-700">
            Fix {props.errorCount} error(s) before publishing.
          </p>
        ) : null}
        {publishError ? (
          <p role="alert" className="text-sm whitespace-pre-wrap text-rose-700">
            {publishError}
          </p>
        ) : null}
        {publish.data ? (
          <p role="status" className="text-sm text-emerald-800">
            {publish.data.created ? "Published" : "Already published; now current:"}{" "}
            {shortHash(publish.data.hash)} — {publish.data.summary.text}
          </p>
        ) : null}
      </section>

      <section aria-label="Versions" className="space-y-2">
        <h2 className="text-sm font-semibold">Versions</h2>
        {versions.length === 0 ? (
          <p className="text-sm text-slate-500">Nothing published yet.</p>
        ) : null}
        <ol className="space-y-2" aria-label="Published versions">
          {versions.map((version, index) => (
            <li
              key={version.hash}
              className="rounded border border-slate-200 p-2 text-sm"
              data-version-hash={version.hash}
            >
              <div className="flex items-center gap-2">
                <span className="font-mono text-xs">{shortHash(version.hash)}</span>
                {version.hash === published ? (
                  <span className="rounded bg-emerald-100 px-1.5 text-xs text-emerald-800">
                    running
                  </span>
                ) : null}
                <span className="ml-auto text-xs text-slate-500">
                  {new Date(version.publishedAt).toLocaleString()}
                </span>
              </div>
              <p className="text-xs text-slate-700">{version.summary.text}</p>
              {version.note ? (
                <p className="text-xs text-slate-500 italic">{version.note}</p>
              ) : null}
              <div className="mt-1 flex flex-wrap gap-2 text-xs">
                {versions[index + 1] ? (
                  <button
                    type="button"
                    className="text-sky-700 underline"
                    onClick={() =>
                      setDiffPair({ from: versions[index + 1]!.hash, to: version.hash })
                    }
                  >
                    Diff with previous
                  </button>
                ) : null}
                <button
                  type="button"
                  className="text-sky-700 underline"
                  onClick={() => setDiffPair({ from: version.hash, to: "draft" })}
                >
                  Diff with draft
                </button>
                <button
                  type="button"
                  className="text-sky-700 underline"
                  onClick={() =>
                    exportDocument.mutate(
                      { id: props.mappingId, hash: version.hash },
                      { onSuccess: (file) => download(file.fileName, file.text) },
                    )
                  }
                >
                  Export
                </button>
                {version.hash !== published ? (
                  <button
                    type="button"
                    className="text-rose-700 underline"
                    onClick={() =>
                      rollback.mutate(
                        { id: props.mappingId, hash: version.hash },
                        {
                          onSuccess: (result) =>
                            void restoreVersion(version.hash, result.draftRevision),
                        },
                      )
                    }
                  >
                    Roll back to this
                  </button>
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      </section>

      {diffPair ? (
        <section aria-label="Diff" className="space-y-2">
          <DiffView
            mappingId={props.mappingId}
            versions={versions.map((v) => v.hash)}
            pair={diffPair}
            onChange={setDiffPair}
          />
        </section>
      ) : versions.length > 0 ? (
        <button
          type="button"
          className="text-sm text-sky-700 underline"
          onClick={() => setDiffPair({ from: versions[0]!.hash, to: "draft" })}
        >
          Compare versions…
        </button>
      ) : null}

      {mapping.data?.syncId ? (
        <WhatIfView mappingId={props.mappingId} flushDraft={props.flushDraft} />
      ) : null}

      <section aria-label="Import and export" className="space-y-2">
        <h2 className="text-sm font-semibold">Mapping as code</h2>
        <div className="flex gap-2">
          <button
            type="button"
            className="rounded border border-slate-300 px-2 py-1 text-sm"
            onClick={() =>
              download(
                `${props.currentDocument.id ?? props.mappingId}.mapping.json`,
                `${JSON.stringify(props.currentDocument, null, 2)}\n`,
              )
            }
          >
            Export draft JSON
          </button>
          <button
            type="button"
            className="rounded border border-slate-300 px-2 py-1 text-sm"
            onClick={() => fileInput.current?.click()}
          >
            Import JSON…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            aria-label="Import a mapping file"
            className="hidden"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = "";
              if (file) void onImportFile(file);
            }}
          />
        </div>
        {importProblems ? (
          <ImportProblems problems={importProblems} consequence="the draft is unchanged." />
        ) : null}
      </section>
    </div>
  );
}
