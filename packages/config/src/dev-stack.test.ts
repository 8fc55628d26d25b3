import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEV_STACK_PORTS, devStackOverrides, devStackPaths, devStackPorts } from "./dev-stack";

const root = path.resolve("/repo");

describe("devStackPaths", () => {
  it("keeps everything in .data under the repo root by default", () => {
    expect(devStackPaths(root, {})).toEqual({
      dataDir: "/repo/.data",
      databaseUrl: "file:/repo/.data/tandem.db",
      secretKeyFile: "/repo/.data/secret.key",
      temporalDbFile: "/repo/.data/temporal.db",
      demoSecretsFile: "/repo/.data/demo-secrets.json",
      demoAdminFile: "/repo/.data/demo-admin.json",
      devJsonFile: "/repo/.data/dev.json",
      migrationPostgresDir: "/repo/.data/pg-scratch",
    });
  });

  it("honours TANDEM_DATA_DIR for every path, the SQLite database included", () => {
    const paths = devStackPaths(root, { TANDEM_DATA_DIR: ".data/e2e" });
    expect(paths.dataDir).toBe("/repo/.data/e2e");
    expect(paths.databaseUrl).toBe("file:/repo/.data/e2e/tandem.db");
    for (const file of [
      paths.secretKeyFile,
      paths.temporalDbFile,
      paths.demoSecretsFile,
      paths.demoAdminFile,
      paths.devJsonFile,
      paths.migrationPostgresDir,
    ])
      expect(path.dirname(file)).toBe("/repo/.data/e2e");
  });

  it("takes an absolute TANDEM_DATA_DIR as it is", () => {
    expect(devStackPaths(root, { TANDEM_DATA_DIR: "/var/tandem" }).databaseUrl).toBe(
      "file:/var/tandem/tandem.db",
    );
  });

  it("uses DATABASE_URL as given, wherever the data directory is", () => {
    const url = "postgresql://tandem@127.0.0.1:5432/tandem";
    const paths = devStackPaths(root, { DATABASE_URL: url, TANDEM_DATA_DIR: "/var/tandem" });
    expect(paths.databaseUrl).toBe(url);
    expect(paths.secretKeyFile).toBe("/var/tandem/secret.key");
  });
});

describe("devStackPorts", () => {
  it("defaults to the documented ports", () => {
    expect(devStackPorts({})).toEqual({
      web: 3000,
      ingress: 3001,
      temporal: 7233,
      temporalUi: 8233,
      bamboohr: 4010,
      gusto: 4020,
    });
  });

  it("reads each port from its variable", () => {
    const source = Object.fromEntries(
      Object.values(DEV_STACK_PORTS).map(({ variable }, i) => [variable, String(3900 + i)]),
    );
    expect(Object.values(devStackPorts(source))).toEqual([3900, 3901, 3902, 3903, 3904, 3905]);
  });

  it("refuses what is not a port, naming the variable", () => {
    expect(() => devStackPorts({ TANDEM_GUSTO_PORT: "70000" })).toThrow(
      "TANDEM_GUSTO_PORT=70000 is not a port number",
    );
    expect(() => devStackPorts({ TANDEM_WEB_PORT: "web" })).toThrow("TANDEM_WEB_PORT=web");
  });
});

describe("devStackOverrides", () => {
  it("treats empty values as unset", () => {
    expect(devStackOverrides({ TEMPORAL_ADDRESS: "", TANDEM_SECRET_KEY: "" })).toEqual({
      temporalAddress: undefined,
      secretKey: undefined,
    });
    expect(devStackOverrides({ TEMPORAL_ADDRESS: "temporal:7233" }).temporalAddress).toBe(
      "temporal:7233",
    );
  });
});
