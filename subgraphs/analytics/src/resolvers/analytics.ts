import { captureFunnel, userFunnel } from "../db/funnel.repo.ts";
import { rangeTotals, totalsByDay } from "../db/kpis.repo.ts";
import { parseRange, parseRetention } from "../domain/analytics-input.ts";
import { eachDay } from "../domain/days.ts";
import type { AnalyticsResolvers } from "../generated/graphql.ts";
import { retentionCohorts } from "./retention.ts";

const ZERO = {
  activeUsers: 0,
  newUsers: 0,
  reviews: 0,
  capturesProcessed: 0,
  topicsCompleted: 0,
  aiCost: 0,
};

export const Analytics: AnalyticsResolvers = {
  async kpis(_, args, ctx) {
    const range = parseRange(args);
    return { ...range, ...(await rangeTotals(ctx.db, range)) };
  },
  async daily(_, args, ctx) {
    const range = parseRange(args);
    const days = await totalsByDay(ctx.db, range);
    return eachDay(range.from, range.to).map((date) => ({ date, ...(days.get(date) ?? ZERO) }));
  },
  retention(_, args, ctx) {
    return retentionCohorts(ctx.db, parseRetention(args), ctx.now());
  },
  async funnel(_, args, ctx) {
    const range = parseRange(args);
    const [users, captures] = await Promise.all([
      userFunnel(ctx.db, range),
      captureFunnel(ctx.db, range),
    ]);
    return { ...range, ...users, captures };
  },
};
