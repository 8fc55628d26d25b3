export * from "./server-env";
