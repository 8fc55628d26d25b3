"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { RunsChart } from "~/components/runs-chart";
import { StatusBadge } from "~/components/status-badge";
import { formatDuration, formatTime } from "~/components/time";
import { useTRPC } from "~/trpc/react";

export default function RunsPage() {
  const trpc = useTRPC();
  const runs = useQuery(trpc.runs.list.queryOptions({ limit: 100 }, { refetchInterval: 2_000 }));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Workflow runs</h1>
      <p className="text-sm text-slate-600">
        Read live from Temporal. One executor per sync: it applies each record&apos;s changes in
        order, a batch per drain, under the mapping version published at the time.
      </p>
      {runs.isPending ? <p className="text-slate-500">Loading…</p> : null}
      {runs.isError ? (
        <p role="alert" className="text-rose-700">
          Temporal is unreachable: {runs.error.message}
        </p>
      ) : null}
      {runs.data ? (
        <>
          <RunsChart starts={runs.data.map((r) => new Date(r.startTime))} now={Date.now()} />
          <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
            <thead className="bg-slate-100 text-left text-slate-600">
              <tr>
                <th className="px-3 py-2">Workflow</th>
                <th className="px-3 py-2">Status</th>
                <th className="px-3 py-2">Started</th>
                <th className="px-3 py-2">Duration</th>
                <th className="px-3 py-2">Events</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.map((run) => (
                <tr
                  key={run.runId}
                  className="border-t border-slate-100"
                  data-workflow-id={run.workflowId}
                >
                  <td className="px-3 py-2 font-mono text-xs">
                    <Link
                      className="text-sky-700 underline"
                      href={`/runs/history?workflowId=${encodeURIComponent(run.workflowId)}&runId=${run.runId}`}
                    >
                      {run.workflowId.split("/").slice(-1)[0]}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    <StatusBadge status={run.status} />
                  </td>
                  <td className="px-3 py-2">{formatTime(run.startTime)}</td>
                  <td className="px-3 py-2">{formatDuration(run.startTime, run.closeTime)}</td>
                  <td className="px-3 py-2">{run.closeTime ? run.historyLength : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {runs.data.length === 0 ? <p className="text-sm text-slate-500">No runs yet.</p> : null}
        </>
      ) : null}
    </div>
  );
}
