import { defaultPayloadConverter, type Payload, type PayloadCodec } from "@temporalio/common";

type Node = Record<string, unknown>;

function isRecord(value: unknown): value is Node {
  return typeof value === "object" && value !== null && !ArrayBuffer.isView(value);
}

function isPayload(value: unknown): value is Payload {
  return (
    isRecord(value) && isRecord(value.metadata) && value.metadata.encoding instanceof Uint8Array
  );
}

/** A payload no codec can open (a key retired too early) stays as it is, shown as undecodable. */
async function decodePayload(codecs: readonly PayloadCodec[], payload: Payload): Promise<Payload> {
  let decoded = [payload];
  try {
    for (const codec of [...codecs].reverse()) decoded = await codec.decode(decoded);
  } catch {
    return payload;
  }
  return decoded[0] ?? payload;
}

/** A failure converter with `encodeCommonAttributes` keeps message and stack trace here. */
function restoreFailureAttributes(failure: Node, attributes: Payload): void {
  let decoded: unknown;
  try {
    decoded = defaultPayloadConverter.fromPayload(attributes);
  } catch {
    return;
  }
  if (!isRecord(decoded)) return;
  if (typeof decoded.message === "string") failure.message = decoded.message;
  if (typeof decoded.stack_trace === "string") failure.stackTrace = decoded.stack_trace;
}

async function decodeNode(codecs: readonly PayloadCodec[], node: Node): Promise<void> {
  for (const [key, value] of Object.entries(node)) {
    if (isPayload(value)) {
      const decoded = await decodePayload(codecs, value);
      node[key] = decoded;
      if (key === "encodedAttributes") restoreFailureAttributes(node, decoded);
    } else if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index += 1) {
        const item: unknown = value[index];
        if (isPayload(item)) value[index] = await decodePayload(codecs, item);
        else if (isRecord(item)) await decodeNode(codecs, item);
      }
    } else if (isRecord(value)) {
      await decodeNode(codecs, value);
    }
  }
}

/**
 * Decodes, in place, every payload of history events fetched raw from Temporal (inputs,
 * results, signal arguments, heartbeat details, failures with their encoded message and stack
 * trace), through the data converter's codecs, last codec first.
 */
export async function decodeHistoryPayloads<T extends object>(
  codecs: readonly PayloadCodec[],
  events: T[],
): Promise<T[]> {
  for (const event of events) await decodeNode(codecs, event as Node);
  return events;
}
