import type { UsersContext } from "../context.ts";
import type { UserRow } from "../db/schema.ts";

export const User = {
  __resolveReference: (reference: { id: string }, ctx: UsersContext) =>
    ctx.loaders.userById.load(reference.id),
  email: (user: UserRow, _: unknown, ctx: UsersContext) =>
    ctx.viewer && (ctx.viewer.id === user.id || ctx.viewer.role === "ADMIN") ? user.email : null,
};
