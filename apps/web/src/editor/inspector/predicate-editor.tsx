"use client";
import type { Predicate } from "@tandem/mapping";
import { CommitInput, Field, inputClass, parseScalar, ScalarInput } from "./controls";

const TESTS: { test: Predicate["test"]; label: string }[] = [
  { test: "equals", label: "equals" },
  { test: "notEquals", label: "is not" },
  { test: "in", label: "is one of" },
  { test: "notIn", label: "is none of" },
  { test: "empty", label: "is empty" },
  { test: "notEmpty", label: "is not empty" },
];

function withTest(test: Predicate["test"], previous: Predicate): Predicate {
  const value =
    "value" in previous ? previous.value : "values" in previous ? (previous.values[0] ?? "") : "";
  const values =
    "values" in previous ? previous.values : "value" in previous ? [previous.value] : [];
  switch (test) {
    case "equals":
    case "notEquals":
      return { test, value };
    case "in":
    case "notIn":
      return { test, values };
    default:
      return { test };
  }
}

export function PredicateEditor(props: {
  predicate: Predicate;
  onChange: (predicate: Predicate) => void;
}) {
  const { predicate } = props;
  return (
    <div className="space-y-2">
      <Field label="Test">
        <select
          className={inputClass}
          value={predicate.test}
          onChange={(event) =>
            props.onChange(withTest(event.target.value as Predicate["test"], predicate))
          }
        >
          {TESTS.map((option) => (
            <option key={option.test} value={option.test}>
              {option.label}
            </option>
          ))}
        </select>
      </Field>
      {"value" in predicate ? (
        <Field label="Value">
          <ScalarInput
            label="Value"
            value={predicate.value}
            onCommit={(value) => props.onChange({ ...predicate, value })}
          />
        </Field>
      ) : null}
      {"values" in predicate ? (
        <Field label="Values (comma-separated)">
          <CommitInput
            label="Values"
            value={predicate.values.map(String).join(", ")}
            onCommit={(text) =>
              props.onChange({
                ...predicate,
                values: text
                  .split(",")
                  .map((part) => parseScalar(part.trim(), "text"))
                  .filter((v) => v !== ""),
              })
            }
          />
        </Field>
      ) : null}
    </div>
  );
}
