import type { WorkspaceDb } from "@tandem/db";
import { presentAuditValues } from "../audit/present-audit-values";

/**
 * The workspace at a glance: its syncs, connections (with the simulator's admin UI when the
 * connection is to a local simulator), the latest field changes and the inbox by status.
 */
export async function workspaceOverview(wdb: WorkspaceDb, workspace: { id: string; name: string }) {
  const [syncs, connections, recentChanges, inbox] = await Promise.all([
    wdb.sync.findMany({ orderBy: { createdAt: "asc" } }),
    wdb.connection.findMany({
      orderBy: { createdAt: "asc" },
      select: { id: true, kind: true, name: true, settings: true },
    }),
    wdb.auditEntry.findMany({ orderBy: { createdAt: "desc" }, take: 30 }),
    wdb.webhookEvent.groupBy({ by: ["status"], _count: { _all: true }, where: {} }),
  ]);
  return {
    workspace: { id: workspace.id, name: workspace.name },
    syncs,
    connections: connections.map((c) => {
      const settings = JSON.parse(c.settings) as { baseUrl?: string; simulator?: boolean };
      return {
        id: c.id,
        kind: c.kind,
        name: c.name,
        baseUrl: settings.baseUrl ?? null,
        simulatorUrl: settings.simulator && settings.baseUrl ? `${settings.baseUrl}/_admin/` : null,
      };
    }),
    recentChanges: recentChanges.map(presentAuditValues),
    inbox: Object.fromEntries(inbox.map((row) => [row.status, row._count._all])),
  };
}
