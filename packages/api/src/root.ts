import { backfillsRouter } from "./routers/backfills";
import { connectionsRouter } from "./routers/connections";
import { mappingsRouter } from "./routers/mappings";
import { reviewRouter } from "./routers/review";
import { runsRouter } from "./routers/runs";
import { syncsRouter } from "./routers/syncs";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  backfills: backfillsRouter,
  connections: connectionsRouter,
  mappings: mappingsRouter,
  review: reviewRouter,
  runs: runsRouter,
  syncs: syncsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
