"use client";
import type { MappingDocumentInput } from "@tandem/mapping";
import { useEffect, useState } from "react";
import { graphToDocument } from "./flow-conversion";
import type { EditorGraph } from "./flow-types";
import { isLargeGraph } from "./large-graph";

/**
 * The document the graph stands for, derived only after the graph has stopped changing for a
 * moment: during a drag the graph changes every frame and serializing 1,000 nodes each time
 * would stutter. An unchanged document keeps its identity, so nothing downstream recompiles.
 */
export function useDerivedDocument(graph: EditorGraph): MappingDocumentInput {
  const [document, setDocument] = useState(() => graphToDocument(graph));
  useEffect(() => {
    if (graph.nodes.some((node) => node.dragging)) return;
    const timer = setTimeout(
      () => {
        setDocument((current) => {
          const next = graphToDocument(graph);
          return JSON.stringify(next) === JSON.stringify(current) ? current : next;
        });
      },
      isLargeGraph(graph) ? 25 : 0,
    );
    return () => clearTimeout(timer);
  }, [graph]);
  return document;
}
