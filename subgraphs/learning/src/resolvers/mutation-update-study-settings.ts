import { parseInput, requireViewer } from "@kai/service";
import { z } from "zod";
import { findStudySettingsByOwnerIds, saveStudySettings } from "../db/study-settings.repo.ts";
import {
  DEFAULT_STUDY_SETTINGS,
  SCHEDULERS,
  STUDY_SETTING_RANGES,
} from "../domain/study-settings.ts";
import type { MutationResolvers } from "../generated/graphql.ts";

const within = (schema: z.ZodNumber, { min, max }: { min: number; max: number }) =>
  schema
    .min(min, `must be between ${min} and ${max}`)
    .max(max, `must be between ${min} and ${max}`)
    .nullish()
    .transform((v) => v ?? undefined);

// An explicit null keeps the setting, like an omitted field.
const updateStudySettingsInput = z.object({
  scheduler: z
    .enum(SCHEDULERS)
    .nullish()
    .transform((v) => v ?? undefined),
  desiredRetention: within(z.number(), STUDY_SETTING_RANGES.desiredRetention),
  dailyNewLimit: within(z.number().int(), STUDY_SETTING_RANGES.dailyNewLimit),
  dailyReviewLimit: within(z.number().int(), STUDY_SETTING_RANGES.dailyReviewLimit),
});

const defined = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

export const updateStudySettings: MutationResolvers["updateStudySettings"] = async (
  _,
  args,
  ctx,
) => {
  const viewer = requireViewer(ctx);
  const change = defined(parseInput(updateStudySettingsInput, args.input));
  return ctx.db.transaction(async (tx) => {
    const [current] = await findStudySettingsByOwnerIds(tx, [viewer.id]);
    const { scheduler, desiredRetention, dailyNewLimit, dailyReviewLimit } = {
      ...DEFAULT_STUDY_SETTINGS,
      ...current,
      ...change,
    };
    return saveStudySettings(tx, viewer.id, {
      scheduler,
      desiredRetention,
      dailyNewLimit,
      dailyReviewLimit,
    });
  });
};
