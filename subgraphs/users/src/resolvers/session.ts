import type { SessionResolvers } from "../generated/graphql.ts";

export const Session: SessionResolvers = {
  // The access token names its session (`sid`); a token from before sessions had ids names none.
  current: (session, _, ctx) => session.id === ctx.viewer?.sessionId,
};
