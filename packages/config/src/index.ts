export * from "./dev-stack";
export * from "./host-allowlist";
export * from "./server-env";
export * from "./simulators-env";
