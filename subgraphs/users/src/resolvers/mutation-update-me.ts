import { notFound } from "@kai/errors";
import { enqueueEvent } from "@kai/events";
import { parseInput, requireViewer } from "@kai/service";
import { z } from "zod";
import { updateUser } from "../db/users.repo.ts";
import type { MutationResolvers } from "../generated/graphql.ts";
import { displayName, timeZone } from "./inputs.ts";

const updateMeInput = z
  .object({ name: displayName.nullish(), timezone: timeZone.nullish() })
  .transform(({ name, timezone }) => ({
    ...(name ? { name } : {}),
    ...(timezone ? { timezone } : {}),
  }))
  .refine((changes) => Object.keys(changes).length > 0, "give a name or a timezone to change");

/** Other subgraphs keep the name and time zone too (progress counts days in it): tell them. */
export const updateMe: MutationResolvers["updateMe"] = async (_, args, ctx) => {
  const viewer = requireViewer(ctx);
  const changes = parseInput(updateMeInput, args.input);
  return ctx.db.transaction(async (tx) => {
    const updated = await updateUser(tx, viewer.id, changes);
    if (!updated) throw notFound("User", viewer.id);
    await enqueueEvent(tx, "users.user_updated", updated.id, {
      name: updated.name,
      timezone: updated.timezone,
    });
    return updated;
  });
};
