"use client";
import { useQuery } from "@tanstack/react-query";
import {
  evaluateAsync,
  fieldOutcomes,
  roundTrip,
  type Direction,
  type FieldOutcome,
  type Operation,
  type RoundTripFieldReport,
  type SyncPlan,
} from "@tandem/mapping";
import { useEffect, useMemo, useState } from "react";
import { useTRPC } from "~/trpc/react";

const SIDE_OF: Record<Direction, "a" | "b"> = { aToB: "a", bToA: "b" };
const ARROW: Record<Direction, string> = { aToB: "A → B", bToA: "B → A" };

interface DirectionPreview {
  included: boolean;
  excludedBy?: string;
  outcomes: FieldOutcome[];
  roundTrip: Map<string, RoundTripFieldReport>;
  oneWay: Set<string>;
}

const show = (value: unknown) => (value === undefined ? "—" : JSON.stringify(value));

function describeOperation(operation: Operation): string {
  switch (operation.op) {
    case "read":
      return `read ${operation.field}`;
    case "constant":
      return `constant ${JSON.stringify(operation.value)}`;
    case "map":
      return `map (${operation.node})`;
    case "dateFormat":
      return `date ${operation.from}→${operation.to}`;
    case "money":
      return `money ${operation.from}→${operation.to}`;
    default:
      return `${operation.op} (${operation.node})`;
  }
}

async function previewDirection(
  plan: SyncPlan,
  direction: Direction,
  record: unknown,
): Promise<DirectionPreview> {
  const result = await evaluateAsync(plan, direction, record);
  const report = await roundTrip(
    plan,
    SIDE_OF[direction] === "a" ? { a: [record] } : { b: [record] },
  );
  const oneWay = new Set<string>();
  for (const target of plan[direction].targets)
    if (target.mode === "one-way")
      for (const operation of target.operations)
        if (operation.op === "read") oneWay.add(operation.field);
  return {
    included: result.included,
    ...(result.excludedBy
      ? { excludedBy: `${result.excludedBy.field}: ${result.excludedBy.reason}` }
      : {}),
    outcomes: fieldOutcomes(plan, result),
    roundTrip: new Map(
      report.fields.filter((f) => f.side === SIDE_OF[direction]).map((f) => [f.field, f]),
    ),
    oneWay,
  };
}

/**
 * A sample record of each side, mapped by the plan the editor compiled a moment ago: the
 * result, the operations every field went through, and whether it survives the way back.
 */
export function PreviewPanel(props: {
  mappingId: string;
  plan: SyncPlan | null;
  errorCount: number;
}) {
  return (
    <div
      className="grid grid-cols-2 gap-6"
      data-testid="preview-panel"
      data-plan-hash={props.plan?.hash ?? ""}
    >
      {props.errorCount > 0 || !props.plan ? (
        <p className="col-span-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
          Fix the errors in Problems to preview: the preview runs the compiled plan.
        </p>
      ) : null}
      <DirectionSection mappingId={props.mappingId} plan={props.plan} direction="aToB" />
      <DirectionSection mappingId={props.mappingId} plan={props.plan} direction="bToA" />
    </div>
  );
}

function DirectionSection(props: {
  mappingId: string;
  plan: SyncPlan | null;
  direction: Direction;
}) {
  const side = SIDE_OF[props.direction];
  const trpc = useTRPC();
  const samples = useQuery(
    trpc.mappings.samples.queryOptions(
      { id: props.mappingId, side, limit: 5 },
      { staleTime: 60_000 },
    ),
  );
  const [index, setIndex] = useState(0);
  const [text, setText] = useState<string | null>(null);
  const sample = samples.data?.records[index];
  useEffect(() => setText(sample ? JSON.stringify(sample.record, null, 2) : null), [sample]);
  const parsed = useMemo(() => {
    if (text === null) return { ok: false as const, error: null };
    try {
      return { ok: true as const, record: JSON.parse(text) as unknown };
    } catch (error) {
      return { ok: false as const, error: error instanceof Error ? error.message : String(error) };
    }
  }, [text]);
  const [preview, setPreview] = useState<DirectionPreview | null>(null);
  useEffect(() => {
    if (!props.plan || !parsed.ok) return;
    let current = true;
    void previewDirection(props.plan, props.direction, parsed.record).then((result) => {
      if (current) setPreview(result);
    });
    return () => {
      current = false;
    };
  }, [props.plan, props.direction, parsed]);

  return (
    <section aria-label={`Preview ${ARROW[props.direction]}`} data-direction={props.direction}>
      <h2 className="mb-1 text-sm font-semibold">{ARROW[props.direction]}</h2>
      {samples.data?.unavailableReason ? (
        <p className="text-xs text-amber-800">
          The connected system could not be read ({samples.data.unavailableReason}); showing
          generated records.
        </p>
      ) : null}
      {samples.isError ? (
        <p className="text-sm text-rose-700">Samples unavailable: {samples.error.message}</p>
      ) : null}
      {samples.data ? (
        <label className="block text-xs text-slate-600">
          Sample record of side {side.toUpperCase()} (
          {samples.data.source === "connection"
            ? "from the connected system"
            : "generated from the field list"}
          )
          <select
            className="mt-0.5 block w-full rounded border border-slate-300 px-1 py-1 text-sm"
            value={index}
            onChange={(event) => setIndex(Number(event.target.value))}
          >
            {samples.data.records.map((record, i) => (
              <option key={record.id} value={i}>
                {record.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {text !== null ? (
        <details className="mt-1">
          <summary className="cursor-pointer text-xs text-slate-600">
            Edit the record (what-if)
          </summary>
          <textarea
            aria-label={`Sample record of side ${side.toUpperCase()}`}
            className="mt-1 h-40 w-full rounded border border-slate-300 p-1 font-mono text-xs"
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          {!parsed.ok && parsed.error ? (
            <p className="text-xs text-rose-700">Not JSON: {parsed.error}</p>
          ) : null}
        </details>
      ) : null}
      {preview && props.plan ? (
        preview.included ? (
          <table
            className="mt-2 w-full table-fixed text-xs"
            aria-label={`Result ${ARROW[props.direction]}`}
          >
            <thead>
              <tr className="text-left text-slate-500">
                <th className="w-1/3 font-normal">Field</th>
                <th className="w-1/3 font-normal">Value</th>
                <th className="font-normal">Round trip</th>
              </tr>
            </thead>
            <tbody>
              {preview.outcomes.map((outcome) => {
                const sources = outcome.operations.flatMap((op) =>
                  op.op === "read" ? [op.field] : [],
                );
                const trips = sources
                  .map((field) => preview.roundTrip.get(field))
                  .filter((r) => r !== undefined);
                const oneWay =
                  sources.length > 0 && sources.every((field) => preview.oneWay.has(field));
                return (
                  <tr
                    key={outcome.field}
                    className="border-t border-slate-100 align-top"
                    data-preview-field={outcome.field}
                  >
                    <td className="py-1 pr-1 font-mono break-all">{outcome.field}</td>
                    <td className="py-1 pr-1 break-all" data-testid="preview-value">
                      {outcome.status === "written" ? (
                        <span className="font-mono">{show(outcome.value)}</span>
                      ) : (
                        <span className="text-slate-500 italic">skipped: {outcome.reason}</span>
                      )}
                      <span className="block text-[10px] text-slate-400">
                        {outcome.operations.map(describeOperation).join(" → ")}
                      </span>
                    </td>
                    <td className="py-1">
                      {oneWay ? (
                        <span className="rounded bg-slate-100 px-1 text-slate-600">one-way</span>
                      ) : trips.some((t) => t.status === "lossy") ? (
                        <span
                          className="rounded bg-amber-100 px-1 text-amber-900"
                          title={trips
                            .map((t) =>
                              t.example
                                ? `${show(t.example.before)} came back as ${show(t.example.after)}${t.example.reason ? ` (${t.example.reason})` : ""}`
                                : "",
                            )
                            .join("\n")}
                        >
                          lossy:{" "}
                          {trips
                            .filter((t) => t.example)
                            .map((t) => `${show(t.example?.before)} → ${show(t.example?.after)}`)
                            .join("; ")}
                        </span>
                      ) : trips.some((t) => t.status === "clean") ? (
                        <span className="rounded bg-emerald-100 px-1 text-emerald-800">
                          lossless
                        </span>
                      ) : (
                        <span className="text-slate-400">not tested</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : (
          <p className="mt-2 text-sm text-slate-600">
            Not synced in this direction: filtered out by {preview.excludedBy}.
          </p>
        )
      ) : null}
    </section>
  );
}
