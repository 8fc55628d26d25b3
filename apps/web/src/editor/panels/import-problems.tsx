import type { Diagnostic } from "@tandem/mapping";

/** Why an imported file was refused, one line per problem the parser found. */
export function ImportProblems(props: { problems: readonly Diagnostic[]; consequence: string }) {
  return (
    <div
      role="alert"
      className="rounded border border-rose-300 bg-rose-50 p-2 text-sm text-rose-800"
      data-testid="import-problems"
    >
      <p className="font-medium">
        That file is not a valid tandem.mapping/v1 document; {props.consequence}
      </p>
      <ul className="mt-1 list-disc pl-5 text-xs">
        {props.problems.map((problem, index) => (
          <li key={index}>{problem.message}</li>
        ))}
      </ul>
    </div>
  );
}
