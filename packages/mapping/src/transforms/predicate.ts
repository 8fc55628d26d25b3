import type { Predicate } from "../document-schema";
import { isEmpty } from "./text";

/** Compiles a predicate of a condition or filter node; absent values test as null. */
export function compilePredicate(predicate: Predicate): (value: unknown) => boolean {
  switch (predicate.test) {
    case "equals":
      return (value) => (value ?? null) === predicate.value;
    case "notEquals":
      return (value) => (value ?? null) !== predicate.value;
    case "in": {
      const set = new Set<unknown>(predicate.values);
      return (value) => set.has(value ?? null);
    }
    case "notIn": {
      const set = new Set<unknown>(predicate.values);
      return (value) => !set.has(value ?? null);
    }
    case "empty":
      return isEmpty;
    case "notEmpty":
      return (value) => !isEmpty(value);
  }
}

export function describePredicate(predicate: Predicate): string {
  switch (predicate.test) {
    case "equals":
      return `equals ${JSON.stringify(predicate.value)}`;
    case "notEquals":
      return `does not equal ${JSON.stringify(predicate.value)}`;
    case "in":
      return `is one of ${JSON.stringify(predicate.values)}`;
    case "notIn":
      return `is none of ${JSON.stringify(predicate.values)}`;
    case "empty":
      return "is empty";
    case "notEmpty":
      return "is not empty";
  }
}
