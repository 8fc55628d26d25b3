"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { parseMappingDocument, type Diagnostic } from "@tandem/mapping";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ImportProblems } from "~/editor/panels/import-problems";
import { useTRPC } from "~/trpc/react";

export default function MappingsPage() {
  const trpc = useTRPC();
  const router = useRouter();
  const mappings = useQuery(trpc.mappings.list.queryOptions());
  const templates = useQuery(trpc.mappings.templates.queryOptions());
  const systems = useQuery(trpc.mappings.systems.queryOptions());
  const [sides, setSides] = useState<{ a: string; b: string }>({ a: "", b: "" });
  const options = (systems.data?.systems ?? []).flatMap((system) =>
    system.entities.map((entity) => ({
      value: JSON.stringify({ system: system.key, entity: entity.entity }),
      label: `${system.label} · ${entity.label} (${entity.fieldCount} fields)`,
    })),
  );
  const create = useMutation(
    trpc.mappings.create.mutationOptions({ onSuccess: ({ id }) => router.push(`/mappings/${id}`) }),
  );
  const [name, setName] = useState("");
  const [importProblems, setImportProblems] = useState<Diagnostic[] | null>(null);

  const importFile = async (file: File) => {
    const parsed = parseMappingDocument(await file.text());
    if (!parsed.ok) return setImportProblems(parsed.diagnostics);
    setImportProblems(null);
    create.mutate({ name: name.trim() || parsed.document.name, document: parsed.document });
  };

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Mappings</h1>
        <p className="text-sm text-slate-600">
          How fields travel between two systems, drawn as a graph. Publishing a mapping gives the
          sync a new version to run.
        </p>
      </div>
      <section aria-label="Mappings">
        {mappings.isError ? (
          <p role="alert" className="text-rose-700">
            {mappings.error.message}
          </p>
        ) : null}
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {mappings.data?.map((mapping) => (
            <li key={mapping.id} className="flex items-center gap-4 px-4 py-3">
              <Link href={`/mappings/${mapping.id}`} className="font-medium text-sky-800 underline">
                {mapping.name}
              </Link>
              <span className="text-sm text-slate-500">
                {mapping.syncName ? `drives ${mapping.syncName}` : "not bound to a sync"}
              </span>
              <span className="ml-auto text-xs text-slate-500">
                {mapping.versionCount} version{mapping.versionCount === 1 ? "" : "s"}
                {mapping.publishedHash
                  ? ` · running ${mapping.publishedHash.replace("sha256:", "").slice(0, 12)}`
                  : ""}
              </span>
            </li>
          ))}
          {mappings.data?.length === 0 ? (
            <li className="px-4 py-3 text-sm text-slate-500">No mappings yet.</li>
          ) : null}
        </ul>
      </section>
      <section
        aria-label="New mapping"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 className="font-semibold">New mapping</h2>
        <label className="block text-sm">
          Name
          <input
            className="mt-1 block w-80 rounded border border-slate-300 px-2 py-1"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <div className="grid gap-3 md:grid-cols-2">
          {templates.data?.map((template) => (
            <button
              key={template.id}
              type="button"
              className="rounded border border-slate-200 p-3 text-left hover:border-sky-400"
              onClick={() =>
                create.mutate({ name: name.trim() || template.name, templateId: template.id })
              }
              aria-label={`Start from template ${template.name}`}
            >
              <span className="block font-medium">{template.name}</span>
              <span className="block text-sm text-slate-600">{template.description}</span>
            </button>
          ))}
        </div>
        <fieldset className="space-y-2 text-sm">
          <legend>Or start empty from two systems (their fields become sides A and B)</legend>
          <div className="flex flex-wrap items-end gap-3">
            {(["a", "b"] as const).map((side) => (
              <label key={side} className="block">
                Side {side.toUpperCase()}
                <select
                  className="mt-1 block w-80 rounded border border-slate-300 px-2 py-1"
                  value={sides[side]}
                  onChange={(event) => setSides({ ...sides, [side]: event.target.value })}
                >
                  <option value="">Choose a system…</option>
                  {options.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              </label>
            ))}
            <button
              type="button"
              className="rounded bg-sky-700 px-3 py-1.5 text-white disabled:opacity-40"
              disabled={!sides.a || !sides.b || create.isPending}
              onClick={() =>
                create.mutate({
                  name: name.trim() || "New mapping",
                  sides: {
                    a: JSON.parse(sides.a) as { system: string; entity: string },
                    b: JSON.parse(sides.b) as { system: string; entity: string },
                  },
                })
              }
            >
              Create empty mapping
            </button>
          </div>
        </fieldset>
        <label className="block text-sm">
          Or import a tandem.mapping/v1 JSON file
          <input
            type="file"
            accept="application/json,.json"
            className="mt-1 block text-sm"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void importFile(file);
            }}
          />
        </label>
        {create.isError ? (
          <p role="alert" className="text-sm whitespace-pre-wrap text-rose-700">
            {create.error.message}
          </p>
        ) : null}
        {importProblems ? (
          <ImportProblems problems={importProblems} consequence="nothing was created." />
        ) : null}
      </section>
    </div>
  );
}
