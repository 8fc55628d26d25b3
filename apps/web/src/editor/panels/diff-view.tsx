"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";

const label = (hash: string) =>
  hash === "draft" ? "draft" : hash.replace(/^sha256:/, "").slice(0, 12);

export function DiffView(props: {
  mappingId: string;
  versions: string[];
  pair: { from: string; to: string };
  onChange: (pair: { from: string; to: string }) => void;
}) {
  const trpc = useTRPC();
  const diff = useQuery(trpc.mappings.diff.queryOptions({ id: props.mappingId, ...props.pair }));
  const options = [...props.versions, "draft"];
  const picker = (which: "from" | "to") => (
    <select
      aria-label={`Diff ${which}`}
      className="rounded border border-slate-300 px-1 py-0.5 font-mono text-xs"
      value={props.pair[which]}
      onChange={(event) => props.onChange({ ...props.pair, [which]: event.target.value })}
    >
      {options.map((hash) => (
        <option key={hash} value={hash}>
          {label(hash)}
        </option>
      ))}
    </select>
  );
  const data = diff.data;
  return (
    <div className="space-y-2" data-testid="version-diff">
      <h2 className="flex items-center gap-2 text-sm font-semibold">
        Diff {picker("from")} → {picker("to")}
      </h2>
      {diff.isError ? <p className="text-sm text-rose-700">{diff.error.message}</p> : null}
      {data ? (
        <ul className="space-y-1 text-xs">
          {data.fieldsAdded.map((f) => (
            <li key={`fa-${f.side}.${f.field}`} className="text-emerald-800">
              + field {f.side.toUpperCase()}.{f.field}
            </li>
          ))}
          {data.fieldsRemoved.map((f) => (
            <li key={`fr-${f.side}.${f.field}`} className="text-rose-800">
              − field {f.side.toUpperCase()}.{f.field}
            </li>
          ))}
          {data.flowsAdded.map((f, i) => (
            <li key={`wa-${i}`} className="text-emerald-800">
              + flow {f.direction === "aToB" ? "A→B" : "B→A"} into {f.field}
              {f.via.length ? ` via ${f.via.join(", ")}` : ""}
            </li>
          ))}
          {data.flowsRemoved.map((f, i) => (
            <li key={`wr-${i}`} className="text-rose-800">
              − flow {f.direction === "aToB" ? "A→B" : "B→A"} into {f.field}
            </li>
          ))}
          {data.transformsChanged.map((t) => (
            <li key={`t-${t.nodeId}`} className="text-amber-800">
              ~ {t.kind} {t.nodeId} changed
            </li>
          ))}
          {data.rulesChanged.map((r, i) => (
            <li key={`r-${i}`} className="text-violet-800">
              ~ rule for {r.field}: {r.before ?? "default"} → {r.after ?? "default"}
            </li>
          ))}
          {data.matchKeysChanged ? <li className="text-amber-800">~ match keys changed</li> : null}
          {data.settingsChanged ? <li className="text-amber-800">~ settings changed</li> : null}
          {data.fieldsAdded.length +
            data.fieldsRemoved.length +
            data.flowsAdded.length +
            data.flowsRemoved.length +
            data.transformsChanged.length +
            data.rulesChanged.length ===
            0 &&
          !data.matchKeysChanged &&
          !data.settingsChanged ? (
            <li className="text-slate-500">No difference in meaning.</li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
