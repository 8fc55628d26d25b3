import type { MappingNode } from "./document-schema";

export type NodeInverse = { ok: true; node: MappingNode } | { ok: false; reason: string };

/**
 * The node that undoes `node`, with the same id and handle names mirrored (`in`⇄`out`,
 * `in<n>`⇄`out<n>`), or why there is none.
 */
export function invertNode(node: MappingNode): NodeInverse {
  switch (node.type) {
    case "enumMap":
    case "lookup": {
      const reversible = node.data.entries.filter((entry) => entry.reverse);
      const firstFrom = new Map<unknown, unknown>();
      for (const entry of reversible) {
        if (firstFrom.has(entry.to)) {
          return {
            ok: false,
            reason: `both ${JSON.stringify(firstFrom.get(entry.to))} and ${JSON.stringify(entry.from)} map to ${JSON.stringify(entry.to)}; set "reverse": false on all but one of them`,
          };
        }
        firstFrom.set(entry.to, entry.from);
      }
      const unmapped =
        node.data.unmapped.action === "passthrough"
          ? node.data.unmapped
          : { action: "skip" as const };
      const entries = reversible.map((entry) => ({
        from: entry.to,
        to: entry.from,
        reverse: true,
      }));
      return { ok: true, node: { ...node, data: { ...node.data, entries, unmapped } } };
    }
    case "dateFormat":
      return {
        ok: true,
        node: { ...node, data: { ...node.data, from: node.data.to, to: node.data.from } },
      };
    case "money":
      return {
        ok: true,
        node: { ...node, data: { ...node.data, from: node.data.to, to: node.data.from } },
      };
    case "concat":
      if (node.data.separator === "")
        return { ok: false, reason: "text joined without a separator cannot be split back" };
      return {
        ok: true,
        node: {
          id: node.id,
          type: "split",
          position: node.position,
          data: { label: node.data.label, parts: node.data.inputs, separator: node.data.separator },
        },
      };
    case "split":
      return {
        ok: true,
        node: {
          id: node.id,
          type: "concat",
          position: node.position,
          data: { label: node.data.label, inputs: node.data.parts, separator: node.data.separator },
        },
      };
    case "default":
      // A value passes back unchanged; only a default that was filled in cannot be told apart.
      return { ok: true, node };
    case "constant":
      return {
        ok: false,
        reason: "a constant does not depend on the source, so nothing can be recovered from it",
      };
    case "coalesce":
      return { ok: false, reason: "a coalesce forgets which input its value came from" };
    case "condition":
      return { ok: false, reason: "a condition forgets which branch was taken" };
    case "expression":
      return { ok: false, reason: "an expression has no automatic inverse" };
    case "side":
    case "filter":
    case "conflictRule":
    case "matchKey":
      return { ok: false, reason: "it does not transform values" };
  }
}

/** Mirrors a handle name for the reversed graph; side handles (field ids) stay as they are. */
export function mirrorHandle(node: MappingNode, handle: string): string {
  if (node.type === "side") return handle;
  if (handle === "in") return "out";
  if (handle === "out") return "in";
  const numbered = /^(in|out)(\d+)$/.exec(handle);
  if (numbered) return `${numbered[1] === "in" ? "out" : "in"}${numbered[2]}`;
  return handle;
}
