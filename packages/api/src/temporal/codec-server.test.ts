import { randomBytes } from "node:crypto";
import { defaultPayloadConverter } from "@temporalio/common";
import { describe, expect, it } from "vitest";
import { codecKeyringOf, EncryptionCodec } from "@tandem/workflows";
import { codecPreflight, handleCodecRequest, type CodecServerDeps } from "./codec-server";

const UI = "http://127.0.0.1:8233";
const APP = "http://127.0.0.1:3000";
const person = { firstName: "Ada", workEmail: "ada@example.com" };

const codec = new EncryptionCodec(codecKeyringOf(randomBytes(32)));
const signedIn: CodecServerDeps = {
  codecs: [codec],
  allowedOrigin: UI,
  authorize: () => Promise.resolve(null),
};

function post(operation: string, body: unknown, origin: string | null = UI) {
  return new Request(`${APP}/api/temporal-codec/${operation}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-namespace": "default",
      ...(origin ? { origin } : {}),
    },
    body: JSON.stringify(body),
  });
}

const asJson = (payload: {
  metadata?: Record<string, Uint8Array> | null;
  data?: Uint8Array | null;
}) => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString("base64")]),
  ),
  data: Buffer.from(payload.data ?? new Uint8Array()).toString("base64"),
});

describe("the codec endpoint (Temporal's codec server protocol)", () => {
  it("decodes what the worker's codec encoded, for the Web UI's origin, with CORS and credentials", async () => {
    const [encrypted] = await codec.encode([defaultPayloadConverter.toPayload(person)]);
    if (!encrypted) throw new Error("nothing encoded");
    const response = await handleCodecRequest(
      post("decode", { payloads: [asJson(encrypted)] }),
      "decode",
      signedIn,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(UI);
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    const body = (await response.json()) as {
      payloads: { metadata: Record<string, string>; data: string }[];
    };
    const [decoded] = body.payloads;
    expect(Buffer.from(decoded?.metadata.encoding ?? "", "base64").toString()).toBe("json/plain");
    expect(JSON.parse(Buffer.from(decoded?.data ?? "", "base64").toString())).toEqual(person);
  });

  it("encodes so that the codec decodes it back", async () => {
    const response = await handleCodecRequest(
      post("encode", { payloads: [asJson(defaultPayloadConverter.toPayload(person))] }),
      "encode",
      signedIn,
    );
    const body = (await response.json()) as {
      payloads: { metadata: Record<string, string>; data: string }[];
    };
    const [encoded] = body.payloads;
    expect(Buffer.from(encoded?.metadata.encoding ?? "", "base64").toString()).toBe(
      "binary/encrypted",
    );
    const [decoded] = await codec.decode([
      {
        metadata: Object.fromEntries(
          Object.entries(encoded?.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, "base64")]),
        ),
        data: Buffer.from(encoded?.data ?? "", "base64"),
      },
    ]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(person);
  });

  it("decodes nothing for a request the gate refuses", async () => {
    const [encrypted] = await codec.encode([defaultPayloadConverter.toPayload(person)]);
    const response = await handleCodecRequest(
      post("decode", { payloads: [asJson(encrypted!)] }),
      "decode",
      {
        ...signedIn,
        authorize: () => Promise.resolve(Response.json({ error: "sign in" }, { status: 401 })),
      },
    );
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain(Buffer.from("Ada").toString("base64"));
  });

  it("refuses other browser origins, and grants them no CORS", async () => {
    const response = await handleCodecRequest(
      post("decode", { payloads: [] }, "https://evil.example"),
      "decode",
      signedIn,
    );
    expect(response.status).toBe(403);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = codecPreflight(
      new Request(`${APP}/api/temporal-codec/decode`, {
        method: "OPTIONS",
        headers: { origin: "https://evil.example" },
      }),
      signedIn,
    );
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers the Web UI's preflight", () => {
    const preflight = codecPreflight(
      new Request(`${APP}/api/temporal-codec/decode`, {
        method: "OPTIONS",
        headers: { origin: UI, "access-control-request-headers": "content-type,x-namespace" },
      }),
      signedIn,
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(UI);
    expect(preflight.headers.get("access-control-allow-headers")).toContain("x-namespace");
  });

  it("refuses a malformed body and a tampered payload without echoing their contents", async () => {
    expect((await handleCodecRequest(post("decode", { nope: 1 }), "decode", signedIn)).status).toBe(
      400,
    );
    const [encrypted] = await codec.encode([defaultPayloadConverter.toPayload(person)]);
    const data = Buffer.from(encrypted!.data!);
    data[15] = (data[15] ?? 0) ^ 1;
    const response = await handleCodecRequest(
      post("decode", { payloads: [asJson({ ...encrypted!, data })] }),
      "decode",
      signedIn,
    );
    expect(response.status).toBe(422);
    expect(await response.text()).toMatch(/does not authenticate/);
  });
});
