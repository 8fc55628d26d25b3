export * from "./field-diff";
export * from "./decide-sync";
export * from "./resolve-conflict";
export * from "./identifiers";
