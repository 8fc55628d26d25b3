import { describe, expect, it } from "vitest";
import { ConnectorError } from "./contract";
import { ConnectionOpenError, openConnector, type StoredConnection } from "./open-connector";

const stored: StoredConnection = {
  id: "conn-1",
  workspaceId: "ws-1",
  kind: "bamboohr",
  name: "HRIS",
  config: {
    kind: "bamboohr",
    baseUrl: "http://127.0.0.1:4000",
    companyDomain: "acme",
    apiKey: "secret-api-key",
    webhookPrivateKey: "secret-private-key",
  },
};
const loadFrom =
  (...connections: StoredConnection[]) =>
  (id: string) =>
    Promise.resolve(connections.find((connection) => connection.id === id) ?? null);

async function openFailure(...args: Parameters<typeof openConnector>) {
  try {
    await openConnector(...args);
  } catch (error) {
    if (error instanceof ConnectionOpenError) return error;
    throw error;
  }
  throw new Error("the connection opened");
}

describe("openConnector", () => {
  const target = { workspaceId: "ws-1", connectionId: "conn-1" };

  it("opens a stored connection into its kind's connector", async () => {
    const opened = await openConnector(loadFrom(stored), target, { allowPrivateNetwork: true });
    expect(opened.connector.kind).toBe("bamboohr");
    expect(opened.connectionName).toBe("HRIS");
  });

  it("treats an unknown id and another workspace's connection alike: missing", async () => {
    const options = { allowPrivateNetwork: true };
    const unknown = await openFailure(loadFrom(), target, options);
    const foreign = await openFailure(
      loadFrom({ ...stored, workspaceId: "ws-2" }),
      target,
      options,
    );
    for (const error of [unknown, foreign]) {
      expect(error.reason).toBe("missing");
      expect(error.connectionId).toBe("conn-1");
    }
  });

  it("names the first problem of a config that does not parse, without its secrets", async () => {
    const broken = { ...stored, config: { ...stored.config, companyDomain: "acme.evil.com/x" } };
    const error = await openFailure(loadFrom(broken), target, { allowPrivateNetwork: true });
    expect(error.reason).toBe("misconfigured");
    expect(error.problem).toMatch(/BambooHR subdomain/);
    expect(error.message).toMatch(/^connection "HRIS" is misconfigured: /);
    expect(error.message).not.toContain("secret-");
  });

  it("keeps the connector's own refusal as the cause", async () => {
    const error = await openFailure(loadFrom(stored), target, { allowPrivateNetwork: false });
    expect(error.reason).toBe("refused");
    expect(error.cause).toBeInstanceOf(ConnectorError);
    expect(error.message).toMatch(/^connection "HRIS" cannot be used: /);
  });
});
