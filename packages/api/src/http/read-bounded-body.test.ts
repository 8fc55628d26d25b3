import { describe, expect, it } from "vitest";
import { BodyTooLargeError, readBoundedBody } from "./read-bounded-body";

function streamOf(chunks: string[], pulled: { count: number }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let index = 0;
  // No read-ahead: a chunk is produced only when the reader asks for it.
  return new ReadableStream(
    {
      pull(controller) {
        const chunk = chunks[index++];
        pulled.count = index;
        if (chunk === undefined) controller.close();
        else controller.enqueue(encoder.encode(chunk));
      },
    },
    { highWaterMark: 0 },
  );
}

function post(body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  // A stream body needs `duplex`, which Node's RequestInit type does not name yet.
  const init: RequestInit & { duplex: "half" } = { method: "POST", body, headers, duplex: "half" };
  return new Request("http://tandem.test/api/hooks/x", init);
}

describe("readBoundedBody", () => {
  it("reads a body within the limit", async () => {
    expect(await readBoundedBody(post('{"ok":true}'), 64)).toBe('{"ok":true}');
    expect(await readBoundedBody(new Request("http://tandem.test/"), 64)).toBe("");
  });

  it("refuses a declared Content-Length above the limit without reading", async () => {
    const pulled = { count: 0 };
    const request = post(streamOf(["x".repeat(10)], pulled), { "content-length": "1000000" });
    await expect(readBoundedBody(request, 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(pulled.count).toBe(0);
  });

  it("stops reading an undeclared body as soon as it passes the limit", async () => {
    const pulled = { count: 0 };
    const chunks = Array.from({ length: 100 }, () => "x".repeat(512));
    await expect(readBoundedBody(post(streamOf(chunks, pulled)), 1024)).rejects.toThrow(
      /larger than 1024 bytes/,
    );
    expect(pulled.count).toBeLessThan(10);
  });

  it("counts bytes, not characters", async () => {
    await expect(readBoundedBody(post("é".repeat(600)), 1024)).rejects.toBeInstanceOf(
      BodyTooLargeError,
    );
  });
});
