import {
  inspectReviewItem,
  listReviewItems,
  replayOpenItems,
  resolveReviewItem,
} from "../review/review-queue";
import { createTRPCRouter, operatorProcedure, viewerProcedure } from "../trpc";
import {
  ReplayInput,
  ReplayResult,
  ResolveResult,
  ReviewItemDetail,
  ReviewItemRef,
  ReviewList,
  ReviewListInput,
  ReviewResolveInput,
} from "./review.types";

/** The review queue: changes parked for an operator (conflicts, unconvertible values, refusals, likely duplicates). */
export const reviewRouter = createTRPCRouter({
  list: viewerProcedure
    .input(ReviewListInput)
    .output(ReviewList)
    .query(({ ctx, input }) => listReviewItems(ctx.wdb, input)),
  inspect: viewerProcedure
    .input(ReviewItemRef)
    .output(ReviewItemDetail)
    .query(({ ctx, input }) => inspectReviewItem(ctx.wdb, input.id)),
  resolve: operatorProcedure
    .input(ReviewResolveInput)
    .output(ResolveResult)
    .mutation(({ ctx, input }) =>
      resolveReviewItem(ctx.wdb, ctx.workspace.id, input, ctx.actor, ctx.nudger),
    ),
  replay: operatorProcedure
    .input(ReplayInput)
    .output(ReplayResult)
    .mutation(({ ctx, input }) =>
      replayOpenItems(ctx.wdb, ctx.workspace.id, input.syncId, ctx.nudger),
    ),
});
