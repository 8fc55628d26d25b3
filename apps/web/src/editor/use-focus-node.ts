"use client";
import type { Diagnostic } from "@tandem/mapping";
import { useCallback, useState } from "react";
import type { EditorHistory } from "./use-editor-history";
import type { EditorViewport } from "./use-viewport";

/**
 * Brings what a problem or the field search names into view: a node is selected, zoomed to and
 * inspected; a side field is centred and highlighted.
 */
export function useFocusNode(
  { graphRef, transient }: Pick<EditorHistory, "graphRef" | "transient">,
  viewport: EditorViewport,
  inspect: () => void,
) {
  const [highlightedField, setHighlightedField] = useState<string | null>(null);
  const focusNode = useCallback(
    (nodeId: string, edge?: string) => {
      transient((current) => ({
        ...current,
        nodes: current.nodes.map((node) => ({ ...node, selected: node.id === nodeId })),
        edges: current.edges.map((e) => ({ ...e, selected: e.id === edge })),
      }));
      viewport.showNode(nodeId);
      inspect();
    },
    [transient, viewport, inspect],
  );
  const focusField = useCallback(
    (side: "a" | "b", field: string) => {
      const node = graphRef.current.nodes.find((n) => n.type === "side" && n.data.side === side);
      if (node?.type !== "side") return;
      setHighlightedField(`${side}.${field}`);
      viewport.showField(node, field);
    },
    [graphRef, viewport],
  );
  /** A problem about a transform opens that node; one about a side field shows the field. */
  const focusDiagnostic = useCallback(
    (diagnostic: Diagnostic) => {
      const node = diagnostic.nodeId
        ? graphRef.current.nodes.find((n) => n.id === diagnostic.nodeId)
        : undefined;
      const [side, ...path] = diagnostic.field?.split(".") ?? [];
      if (node && node.type !== "side") {
        focusNode(node.id, diagnostic.edgeId);
        setHighlightedField(diagnostic.field ?? null);
      } else if ((side === "a" || side === "b") && path.length > 0)
        focusField(side, path.join("."));
      else if (diagnostic.nodeId) focusNode(diagnostic.nodeId, diagnostic.edgeId);
    },
    [graphRef, focusNode, focusField],
  );
  return { highlightedField, focusField, focusDiagnostic };
}
