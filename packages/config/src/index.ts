export * from "./server-env";
export * from "./simulators-env";
