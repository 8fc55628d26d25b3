"use client";
import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { Suspense } from "react";
import { StatusBadge } from "~/components/status-badge";
import { formatTime } from "~/components/time";
import { useTRPC } from "~/trpc/react";

function RunHistory() {
  const params = useSearchParams();
  const workflowId = params.get("workflowId") ?? "";
  const runId = params.get("runId") ?? undefined;
  const trpc = useTRPC();
  const history = useQuery(
    trpc.runs.history.queryOptions(
      { workflowId, runId },
      { enabled: workflowId !== "", refetchInterval: 2_000 },
    ),
  );
  if (!workflowId) return <p role="alert">No workflow selected.</p>;
  if (history.isPending) return <p className="text-slate-500">Loading…</p>;
  if (history.isError)
    return (
      <p role="alert" className="text-rose-700">
        {history.error.message}
      </p>
    );
  const run = history.data;
  const start = run.events[0]?.time?.getTime() ?? 0;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Run history</h1>
        <p className="font-mono text-xs text-slate-600">{run.workflowId}</p>
        <p className="mt-2 flex items-center gap-3 text-sm">
          <StatusBadge status={run.status} /> <span>{run.type}</span>{" "}
          <span className="text-slate-500">started {formatTime(run.startTime)}</span>
        </p>
      </div>
      <ol className="relative space-y-3 border-l-2 border-sky-200 pl-6" aria-label="Event history">
        {run.events.map((event) => (
          <li key={event.id} className="relative" data-event-type={event.type}>
            <span
              className="absolute -left-[1.95rem] top-1.5 h-3 w-3 rounded-full border-2 border-white bg-sky-500"
              aria-hidden
            />
            <div className="flex flex-wrap items-baseline gap-3">
              <span className="font-mono text-xs text-slate-500">
                #{event.id} +{event.time ? event.time.getTime() - start : 0} ms
              </span>
              <span className="font-medium">{event.type.toLowerCase().replaceAll("_", " ")}</span>
              <span className="text-sm text-slate-600">{event.summary}</span>
            </div>
            {event.details !== null && event.details !== undefined ? (
              <details className="mt-1">
                <summary className="cursor-pointer text-xs text-slate-500">details</summary>
                <pre className="mt-1 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
                  {JSON.stringify(event.details, null, 2)}
                </pre>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

export default function RunHistoryPage() {
  return (
    <Suspense fallback={<p className="text-slate-500">Loading…</p>}>
      <RunHistory />
    </Suspense>
  );
}
