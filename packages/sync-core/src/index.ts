export * from "./field-diff";
export * from "./decide-sync";
export * from "./identifiers";
