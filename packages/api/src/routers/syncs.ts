import { createTRPCRouter, workspaceProcedure } from "../trpc";

export const syncsRouter = createTRPCRouter({
  /** The workspace at a glance: its syncs, connections, and the latest field changes. */
  overview: workspaceProcedure.query(async ({ ctx }) => {
    const [syncs, connections, recentChanges, inbox] = await Promise.all([
      ctx.wdb.sync.findMany({ orderBy: { createdAt: "asc" } }),
      ctx.wdb.connection.findMany({
        orderBy: { createdAt: "asc" },
        select: { id: true, kind: true, name: true, settings: true },
      }),
      ctx.wdb.auditEntry.findMany({ orderBy: { createdAt: "desc" }, take: 30 }),
      ctx.wdb.webhookEvent.groupBy({ by: ["status"], _count: { _all: true }, where: {} }),
    ]);
    return {
      workspace: { id: ctx.workspace.id, name: ctx.workspace.name },
      syncs,
      connections: connections.map((c) => {
        const settings = JSON.parse(c.settings) as { baseUrl?: string; simulator?: boolean };
        return {
          id: c.id,
          kind: c.kind,
          name: c.name,
          baseUrl: settings.baseUrl ?? null,
          simulatorUrl:
            settings.simulator && settings.baseUrl ? `${settings.baseUrl}/_admin/` : null,
        };
      }),
      recentChanges,
      inbox: Object.fromEntries(inbox.map((row) => [row.status, row._count._all])),
    };
  }),
});
