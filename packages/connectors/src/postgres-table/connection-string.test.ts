import { createServer, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NonPublicAddressError, type HostResolver } from "../url-policy";
import { checkedPostgresSocket } from "./connection-string";

let server: Server;
let port: number;
let connections = 0;

beforeAll(async () => {
  // Stands in for a database on the private network; it only counts who reaches it.
  server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("checkedPostgresSocket", () => {
  it("refuses a public-looking host that resolves to a private address", async () => {
    const calls: string[] = [];
    const resolve: HostResolver = (hostname) => {
      calls.push(hostname);
      return Promise.resolve([{ address: "127.0.0.1", family: 4 }]);
    };
    const client = new pg.Client({
      connectionString: `postgresql://u:p@db.example.com:${port}/app`,
      stream: checkedPostgresSocket(resolve),
    });
    client.on("error", () => undefined);
    const error = await client.connect().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(NonPublicAddressError);
    expect(calls).toEqual(["db.example.com"]);
    expect(connections).toBe(0);
  });
});
