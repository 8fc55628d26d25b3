import { describe, expect, it } from "vitest";
import { ConnectorError } from "./contract";
import {
  assertAllowedBaseUrl,
  createCheckedLookup,
  isPublicAddress,
  NonPublicAddressError,
  type HostResolver,
  type ResolvedAddress,
} from "./url-policy";

const strict = { allowPrivateNetwork: false };
const local = { allowPrivateNetwork: true };

describe("assertAllowedBaseUrl", () => {
  it("accepts public http(s) URLs", () => {
    expect(assertAllowedBaseUrl("https://api.bamboohr.com", strict).hostname).toBe(
      "api.bamboohr.com",
    );
    expect(assertAllowedBaseUrl("https://api.gusto-demo.com/", strict).protocol).toBe("https:");
    expect(assertAllowedBaseUrl("http://93.184.216.34", strict).hostname).toBe("93.184.216.34");
    expect(assertAllowedBaseUrl("https://[2606:4700::1111]", strict).hostname).toBe(
      "[2606:4700::1111]",
    );
  });

  it.each([
    "http://localhost:3000",
    "http://api.localhost",
    "http://127.0.0.1",
    "http://127.10.0.1",
    "http://2130706433", // 127.0.0.1 as an integer
    "http://0x7f.1", // 127.0.0.1 in hex shorthand
    "http://0.0.0.0",
    "http://10.1.2.3",
    "http://172.16.0.1",
    "http://172.31.255.255",
    "http://192.168.1.10",
    "http://169.254.169.254", // cloud metadata
    "http://100.64.0.1",
    "http://[::1]",
    "http://[::]",
    "http://[::ffff:127.0.0.1]",
    "http://[fd00::1]",
    "http://[fe80::1]",
    "http://localhost.:3000", // a fully qualified localhost
    "http://api.localhost.",
    "http://LOCALHOST..",
    "http://127.0.0.1.",
    "http://198.18.0.1", // benchmarking
    "http://198.19.255.255",
    "http://192.0.0.192", // Oracle Cloud metadata
    "http://192.0.2.1", // documentation
    "http://192.88.99.1", // 6to4 relay
    "http://203.0.113.9",
    "http://255.255.255.255",
    "http://168.63.129.16", // Azure wire server
    "http://100.100.100.200", // Alibaba Cloud metadata
    "http://[::ffff:7f00:1]", // IPv4-mapped loopback in hex
    "http://[::ffff:169.254.169.254]",
    "http://[::127.0.0.1]", // deprecated IPv4-compatible form
    "http://[64:ff9b::127.0.0.1]", // NAT64
    "http://[64:ff9b:1::a00:1]", // local-use NAT64
    "http://[2002:7f00:1::1]", // 6to4 of 127.0.0.1
    "http://[2001::1]", // Teredo
    "http://[2001:db8::1]",
    "http://[fd00:ec2::254]", // AWS IPv6 metadata
    "http://[fec0::1]", // site-local
    "http://[ff02::1]",
    "http://[100::1]", // discard-only
  ])("refuses %s unless private networks are allowed", (url) => {
    expect(() => assertAllowedBaseUrl(url, strict)).toThrow(ConnectorError);
    expect(() => assertAllowedBaseUrl(url, local)).not.toThrow();
  });

  it.each(["ftp://example.com", "file:///etc/passwd", "javascript:alert(1)", "not a url"])(
    "refuses %s whatever the network setting",
    (url) => {
      expect(() => assertAllowedBaseUrl(url, local)).toThrow(ConnectorError);
    },
  );

  it("refuses credentials in the URL and does not echo them", () => {
    let error: unknown;
    try {
      assertAllowedBaseUrl("https://user:s3cret@api.gusto.com", local);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).kind).toBe("permanent");
    expect((error as ConnectorError).message).not.toContain("s3cret");
  });

  it("does not treat public addresses next to private ranges as private", () => {
    expect(() => assertAllowedBaseUrl("http://172.32.0.1", strict)).not.toThrow();
    expect(() => assertAllowedBaseUrl("http://192.169.0.1", strict)).not.toThrow();
    expect(() => assertAllowedBaseUrl("http://11.0.0.1", strict)).not.toThrow();
    expect(() => assertAllowedBaseUrl("http://198.20.0.1", strict)).not.toThrow();
    expect(() => assertAllowedBaseUrl("http://[::ffff:8.8.8.8]", strict)).not.toThrow();
    expect(() => assertAllowedBaseUrl("https://api.gusto.com.", strict)).not.toThrow();
  });
});

describe("isPublicAddress", () => {
  it.each(["8.8.8.8", "93.184.216.34", "2606:4700::1111", "2a00:1450:4001::1", "::ffff:1.1.1.1"])(
    "accepts %s",
    (address) => expect(isPublicAddress(address)).toBe(true),
  );
  it.each(["127.0.0.1", "::", "::1", "fd12::1", "64:ff9b::808:808", "5f00::1", "3fff::1", "x"])(
    "refuses %s",
    (address) => expect(isPublicAddress(address)).toBe(false),
  );
});

describe("createCheckedLookup", () => {
  function lookupWith(
    answers: ResolvedAddress[],
    options: { allowPrivateNetwork: boolean },
    lookupOptions: { family?: number; all?: boolean } = { all: true },
  ): Promise<{ error: Error | null; address: unknown; calls: number }> {
    let calls = 0;
    const resolve: HostResolver = () => {
      calls++;
      return Promise.resolve(answers);
    };
    const lookup = createCheckedLookup(resolve, options);
    return new Promise((done) => {
      lookup("vendor.example.com", lookupOptions, (error, address) =>
        done({ error, address, calls }),
      );
    });
  }

  it("hands the socket exactly the addresses it checked, after one resolution", async () => {
    const answers: ResolvedAddress[] = [
      { address: "93.184.216.34", family: 4 },
      { address: "2606:4700::1111", family: 6 },
    ];
    expect(await lookupWith(answers, strict)).toEqual({ error: null, address: answers, calls: 1 });
    const single = await lookupWith(answers, strict, { family: 6 });
    expect(single.address).toBe("2606:4700::1111");
  });

  it("refuses the name when any answer is not public", async () => {
    const result = await lookupWith(
      [
        { address: "93.184.216.34", family: 4 },
        { address: "10.0.0.1", family: 4 },
      ],
      strict,
    );
    expect(result.error).toBeInstanceOf(NonPublicAddressError);
  });

  it("lets private answers through only with the private-network allowance", async () => {
    const answers: ResolvedAddress[] = [{ address: "127.0.0.1", family: 4 }];
    expect((await lookupWith(answers, local)).address).toEqual(answers);
  });
});
