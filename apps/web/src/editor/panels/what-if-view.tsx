"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";

const show = (value: unknown) => (value === undefined ? "—" : JSON.stringify(value));

/** Replays the latest recorded changes through the draft and the published version, writing nothing. */
export function WhatIfView(props: { mappingId: string; flushDraft: () => Promise<number | null> }) {
  const trpc = useTRPC();
  // Each press replays afresh (the server bounds it: 200 events, 5 s).
  const whatIf = useMutation(trpc.mappings.whatIf.mutationOptions());
  const [limit, setLimit] = useState(20);
  return (
    <section aria-label="What if" className="space-y-2">
      <h2 className="text-sm font-semibold">What would change</h2>
      <div className="flex items-center gap-2 text-sm">
        Replay the last
        <input
          type="number"
          min={1}
          max={200}
          aria-label="Events to replay"
          className="w-16 rounded border border-slate-300 px-1"
          value={limit}
          onChange={(event) => setLimit(Number(event.target.value) || 20)}
        />
        events through the draft
        <button
          type="button"
          className="rounded border border-slate-300 px-2 py-1"
          disabled={whatIf.isPending}
          onClick={() =>
            void props.flushDraft().then(() => whatIf.mutate({ id: props.mappingId, limit }))
          }
        >
          {whatIf.isPending ? "Replaying…" : "Replay"}
        </button>
      </div>
      {whatIf.isError ? (
        <p role="alert" className="text-sm whitespace-pre-wrap text-rose-700">
          {whatIf.error.message}
        </p>
      ) : null}
      {whatIf.data ? (
        <div data-testid="what-if-result">
          <p className="text-sm">
            {whatIf.data.changedEventCount} of {whatIf.data.events.length} events would write
            differently. No system was written to.
          </p>
          <ul className="mt-1 space-y-1 text-xs">
            {whatIf.data.events
              .filter((event) => event.differences.length > 0)
              .map((event) => (
                <li key={event.deliveryId} className="rounded border border-slate-200 p-1.5">
                  <span className="font-mono">
                    {event.direction === "aToB" ? "A→B" : "B→A"} {event.externalId}
                  </span>
                  <span className="ml-2 text-slate-500">
                    {new Date(event.receivedAt).toLocaleString()} · {event.source}
                  </span>
                  <ul className="mt-0.5">
                    {event.differences.map((difference) => (
                      <li key={difference.field}>
                        <span className="font-mono">{difference.field}</span>:{" "}
                        {show(difference.published)} → <strong>{show(difference.draft)}</strong>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
          </ul>
          {whatIf.data.skipped.length > 0 ? (
            <p className="mt-1 text-xs text-slate-500">
              {whatIf.data.skipped.length} event(s) skipped:{" "}
              {whatIf.data.skipped.map((skip) => `${skip.externalId} (${skip.reason})`).join("; ")}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
