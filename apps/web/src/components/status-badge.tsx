const COLORS: Record<string, string> = {
  RUNNING: "bg-sky-100 text-sky-800",
  COMPLETED: "bg-emerald-100 text-emerald-800",
  FAILED: "bg-rose-100 text-rose-800",
  TERMINATED: "bg-slate-200 text-slate-700",
  CANCELLED: "bg-slate-200 text-slate-700",
  TIMED_OUT: "bg-amber-100 text-amber-800",
  CONTINUED_AS_NEW: "bg-violet-100 text-violet-800",
  written: "bg-emerald-100 text-emerald-800",
  created: "bg-emerald-100 text-emerald-800",
  suppressed: "bg-slate-200 text-slate-700",
  "in-sync": "bg-slate-200 text-slate-700",
  conflicted: "bg-amber-100 text-amber-800",
  parked: "bg-amber-100 text-amber-800",
  failed: "bg-rose-100 text-rose-800",
  resolved: "bg-sky-100 text-sky-800",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span
      className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${COLORS[status] ?? "bg-slate-100 text-slate-700"}`}
    >
      {status.toLowerCase().replaceAll("_", " ")}
    </span>
  );
}
