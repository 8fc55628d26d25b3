"use client";
import { useQuery } from "@tanstack/react-query";
import { StatusBadge } from "~/components/status-badge";
import { formatTime } from "~/components/time";
import { useTRPC } from "~/trpc/react";

function parseValue(json: string | null): string {
  if (json === null) return "—";
  const value: unknown = JSON.parse(json);
  return value === null || value === "" ? "∅" : JSON.stringify(value).replace(/^"|"$/g, "");
}

export default function OverviewPage() {
  const trpc = useTRPC();
  const overview = useQuery(
    trpc.syncs.overview.queryOptions(undefined, { refetchInterval: 2_000 }),
  );
  if (overview.isPending) return <p className="text-slate-500">Loading…</p>;
  if (overview.isError)
    return (
      <p role="alert" className="text-rose-700">
        Could not load the workspace: {overview.error.message}
      </p>
    );
  const { syncs, connections, recentChanges, inbox, workspace } = overview.data;
  const byId = new Map(connections.map((c) => [c.id, c]));

  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-2xl font-semibold">{workspace.name}</h1>
        <p className="text-sm text-slate-600">
          Inbox:{" "}
          {Object.entries(inbox)
            .map(([status, count]) => `${count} ${status}`)
            .join(" · ") || "no deliveries yet"}
        </p>
      </section>

      <section aria-labelledby="syncs-heading" className="space-y-3">
        <h2 id="syncs-heading" className="text-lg font-semibold">
          Syncs
        </h2>
        {syncs.map((sync) => {
          const a = byId.get(sync.connectionAId);
          const b = byId.get(sync.connectionBId);
          return (
            <div
              key={sync.id}
              className="flex flex-wrap items-center gap-4 rounded-lg border border-slate-200 bg-white p-4"
            >
              <span className="font-medium">{sync.name}</span>
              <span className="text-slate-700">{a?.name}</span>
              <span aria-label="syncs both ways">⇄</span>
              <span className="text-slate-700">{b?.name}</span>
              <span className="ml-auto font-mono text-xs text-slate-500">
                plan {sync.planVersion.slice(0, 12)}
              </span>
            </div>
          );
        })}
        <ul className="flex flex-wrap gap-3 text-sm">
          {connections
            .filter((c) => c.simulatorUrl)
            .map((c) => (
              <li key={c.id}>
                <a
                  className="text-sky-700 underline"
                  href={c.simulatorUrl ?? undefined}
                  target="_blank"
                  rel="noreferrer"
                >
                  Open the {c.name} simulator
                </a>
              </li>
            ))}
        </ul>
      </section>

      <section aria-labelledby="changes-heading" className="space-y-3">
        <h2 id="changes-heading" className="text-lg font-semibold">
          Recent field changes
        </h2>
        {recentChanges.length === 0 ? (
          <p className="text-sm text-slate-500">
            Nothing synced yet. Change an employee in a simulator to see it arrive here.
          </p>
        ) : (
          <ol
            className="relative space-y-2 border-l border-slate-300 pl-4"
            aria-label="Recent field changes"
          >
            {recentChanges.map((entry) => (
              <li key={entry.id} className="text-sm" data-testid="change-entry">
                <span className="mr-2 font-mono text-xs text-slate-500">
                  {formatTime(entry.createdAt)}
                </span>
                <span className="mr-2 font-mono">{entry.direction}</span>
                <StatusBadge status={entry.outcome} />
                {entry.field ? (
                  <span className="ml-2">
                    <span className="font-medium">{entry.field}</span>: {parseValue(entry.before)} →{" "}
                    <span className="font-medium">{parseValue(entry.after)}</span>
                  </span>
                ) : (
                  <span className="ml-2 text-slate-500">{entry.rule}</span>
                )}
                {entry.masked ? (
                  <span
                    className="ml-2 text-xs text-slate-500"
                    title="A sensitive field: its values are stored encrypted and not shown"
                  >
                    (sensitive)
                  </span>
                ) : null}
                {entry.field && entry.rule ? (
                  <span className="ml-2 text-xs text-slate-500">({entry.rule})</span>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
