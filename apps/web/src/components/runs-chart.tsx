/** Runs started per minute over the last half hour, as bars: the sync's pulse at a glance. */
export function RunsChart({ starts, now }: { starts: Date[]; now: number }) {
  const minutes = 30;
  const buckets = new Array<number>(minutes).fill(0);
  for (const start of starts) {
    const age = Math.floor((now - start.getTime()) / 60_000);
    if (age >= 0 && age < minutes)
      buckets[minutes - 1 - age] = (buckets[minutes - 1 - age] ?? 0) + 1;
  }
  const max = Math.max(1, ...buckets);
  const width = 600;
  const height = 80;
  const bar = width / minutes;
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="mb-2 text-sm text-slate-600">
        Runs started per minute, last 30 minutes (peak {max})
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="h-20 w-full"
        role="img"
        aria-label="Runs started per minute"
      >
        {buckets.map((count, i) => {
          const h = (count / max) * (height - 4);
          return (
            <rect
              key={i}
              x={i * bar + 1}
              y={height - h}
              width={bar - 2}
              height={h}
              className="fill-sky-500"
            />
          );
        })}
      </svg>
    </figure>
  );
}
