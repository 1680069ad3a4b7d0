import type { UserResolvers } from "../generated/graphql.ts";

export const User: UserResolvers = {
  __resolveReference: (reference, ctx) => ctx.loaders.userById.load(reference.id),
  email: (user, _, ctx) =>
    ctx.viewer && (ctx.viewer.id === user.id || ctx.viewer.role === "ADMIN") ? user.email : null,
};
