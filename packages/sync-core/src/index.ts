export * from "./values";
export * from "./sides";
export * from "./prepared-plan";
export * from "./decide-step";
export * from "./match-record";
export * from "./resolve-conflict";
export * from "./identifiers";
