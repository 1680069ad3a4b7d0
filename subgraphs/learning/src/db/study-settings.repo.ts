import { type DbOrTx, runPrepared, uuidsOnly } from "@kai/db";
import { inArray, sql } from "drizzle-orm";
import type { StudySettings } from "../domain/study-settings.ts";
import { type StudySettingsRow, studySettings } from "./schema.ts";
import type { LearningSchema } from "./tables.ts";

type Db = DbOrTx<LearningSchema>;

export async function findStudySettingsByOwnerIds(
  db: Db,
  ownerIds: readonly string[],
): Promise<StudySettingsRow[]> {
  const keys = uuidsOnly(ownerIds);
  if (keys.length === 0) return [];
  return runPrepared(db.select().from(studySettings).where(inArray(studySettings.ownerId, keys)));
}

export async function saveStudySettings(
  db: Db,
  ownerId: string,
  settings: StudySettings,
): Promise<StudySettingsRow> {
  const [row] = await db
    .insert(studySettings)
    .values({ ownerId, ...settings })
    .onConflictDoUpdate({
      target: studySettings.ownerId,
      set: { ...settings, updatedAt: sql`now()` },
    })
    .returning();
  if (!row) throw new Error("upsert into study_settings returned no row");
  return row;
}
