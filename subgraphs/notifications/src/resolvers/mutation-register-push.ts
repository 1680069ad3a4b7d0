import { parseInput, requireViewer } from "@kai/service";
import { saveDevice, savePushSubscription } from "../db/push-targets.repo.ts";
import { deviceInput, pushSubscriptionInput } from "../domain/preferences-input.ts";
import type { MutationResolvers } from "../generated/graphql.ts";

export const registerPushSubscription: MutationResolvers["registerPushSubscription"] = async (
  _,
  { input },
  ctx,
) => {
  const viewer = requireViewer(ctx);
  await savePushSubscription(ctx.db, {
    userId: viewer.id,
    ...parseInput(pushSubscriptionInput, input),
  });
  return true;
};

export const registerDevice: MutationResolvers["registerDevice"] = async (_, { input }, ctx) => {
  const viewer = requireViewer(ctx);
  await saveDevice(ctx.db, { userId: viewer.id, ...parseInput(deviceInput, input) });
  return true;
};
