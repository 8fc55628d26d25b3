"use client";
import { commonKind, scalarKind } from "@tandem/mapping";
import { TableEditor } from "../inspector/table-editor";
import { formatScalar } from "../phrases";
import type { NodeData, SharedInspectorProps } from "./node-kind";

/** Enum maps and lookup tables: the same two-column table, told apart by what they are for. */
type TableKind = "enumMap" | "lookup";
type TableData = NodeData<TableKind>;

function TableInspector({ node, graph, onChange }: SharedInspectorProps<TableKind>) {
  return <TableEditor nodeId={node.id} data={node.data} graph={graph} onChange={onChange} />;
}

const defaultData: Omit<TableData, "label"> = { entries: [], unmapped: { action: "skip" } };

/** All of a table kind's descriptor but its kind, name and palette entry. */
export const valueTable = {
  defaultData,
  summary(data: TableData): string {
    const unmapped =
      data.unmapped.action === "value"
        ? `else ${formatScalar(data.unmapped.value)}`
        : data.unmapped.action === "passthrough"
          ? "others pass through"
          : "others skipped";
    return `${data.entries.length} values · ${unmapped}`;
  },
  Inspector: TableInspector,
  outputKind: (data: TableData) =>
    data.unmapped.action === "passthrough"
      ? "any"
      : commonKind(data.entries.map((entry) => scalarKind(entry.to))),
  inputKind: (data: TableData) => commonKind(data.entries.map((entry) => scalarKind(entry.from))),
};
