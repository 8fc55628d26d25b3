export * from "./dev-stack";
export * from "./server-env";
export * from "./simulators-env";
