/** The largest tRPC request body: about a hundred times the largest mapping template. */
export const MAX_TRPC_BODY_BYTES = 1024 * 1024;

/** A request body larger than the route accepts; answer 413. */
export class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
  constructor(readonly limitBytes: number) {
    super(`the request body is larger than ${limitBytes} bytes`);
  }
}

/**
 * Reads a request body as UTF-8 text, at most `limitBytes` of it: a larger declared
 * Content-Length is refused before anything is read, and an undeclared (chunked) body is
 * refused, and its stream cancelled, as soon as the bytes read pass the limit. Nothing larger
 * than the limit is ever buffered.
 */
export async function readBoundedBody(request: Request, limitBytes: number): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limitBytes) throw new BodyTooLargeError(limitBytes);
  if (request.body === null) return "";
  const body: ReadableStream<Uint8Array> = request.body;
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limitBytes) throw new BodyTooLargeError(limitBytes);
      chunks.push(value);
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString("utf8");
}
