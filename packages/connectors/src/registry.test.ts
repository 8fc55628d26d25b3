import { describe, expect, it } from "vitest";
import { ConnectionConfig, SECRET_FIELDS } from "./config";
import { CONNECTOR_KINDS } from "./connector-kinds";
import { ConnectorError } from "./contract";
import { CONNECTOR_DEFINITIONS, createConnector } from "./registry";

const bamboo = {
  kind: "bamboohr",
  baseUrl: "https://api.bamboohr.com",
  companyDomain: "acme",
  apiKey: "key",
  webhookPrivateKey: "private",
} as const;

describe("ConnectionConfig", () => {
  it("parses each kind and names its secrets", () => {
    expect(ConnectionConfig.parse(bamboo).kind).toBe("bamboohr");
    expect(
      ConnectionConfig.parse({
        kind: "gusto",
        baseUrl: "https://api.gusto-demo.com",
        companyId: "c-1",
        accessToken: "token",
        webhookVerificationToken: "verification",
      }).kind,
    ).toBe("gusto");
    expect(SECRET_FIELDS.bamboohr).toEqual(["apiKey", "webhookPrivateKey"]);
    expect(SECRET_FIELDS.gusto).toEqual([
      "accessToken",
      "webhookVerificationToken",
      "systemAccessToken",
    ]);
  });

  it("rejects unknown kinds, missing secrets and non-http base URLs", () => {
    expect(ConnectionConfig.safeParse({ ...bamboo, kind: "hibob" }).success).toBe(false);
    expect(ConnectionConfig.safeParse({ ...bamboo, apiKey: "" }).success).toBe(false);
    expect(
      ConnectionConfig.safeParse({ ...bamboo, baseUrl: "ftp://api.bamboohr.com" }).success,
    ).toBe(false);
    expect(
      ConnectionConfig.safeParse({ ...bamboo, companyDomain: "acme.evil.com/x" }).success,
    ).toBe(false);
  });
});

describe("CONNECTOR_DEFINITIONS", () => {
  it("defines every kind once, in the order the kinds are listed", () => {
    expect(CONNECTOR_DEFINITIONS.map((definition) => definition.kind)).toEqual(CONNECTOR_KINDS);
  });

  it("keeps each webhook secret among the kind's secret fields", () => {
    for (const definition of CONNECTOR_DEFINITIONS) {
      if (definition.webhookSecretField === null) continue;
      expect(definition.secretFields as readonly string[]).toContain(definition.webhookSecretField);
    }
  });
});

describe("createConnector", () => {
  it("refuses a private base URL unless the private network is allowed", () => {
    const local = { ...bamboo, baseUrl: "http://127.0.0.1:4000" };
    expect(() => createConnector(local, { allowPrivateNetwork: false })).toThrow(ConnectorError);
    expect(createConnector(local, { allowPrivateNetwork: true }).kind).toBe("bamboohr");
  });
});
