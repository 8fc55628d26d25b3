import { describe, expect, it } from "vitest";
import { ConnectorError } from "./contract";
import { assertAllowedBaseUrl } from "./url-policy";

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
  });
});
