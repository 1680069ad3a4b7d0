export const SCHEDULERS = ["SM2", "FSRS"] as const;
export type SchedulerName = (typeof SCHEDULERS)[number];

export interface StudySettings {
  scheduler: SchedulerName;
  /** FSRS's target probability of recalling a card when it comes due. */
  desiredRetention: number;
  /** Cards seen for the first time per (UTC) day. */
  dailyNewLimit: number;
  /** Reviews of cards already seen per (UTC) day. */
  dailyReviewLimit: number;
}

/** What a learner studies with until they choose otherwise: SM-2, as Kai always has. */
export const DEFAULT_STUDY_SETTINGS: StudySettings = Object.freeze({
  scheduler: "SM2",
  desiredRetention: 0.9,
  dailyNewLimit: 20,
  dailyReviewLimit: 200,
});

/** The ranges `updateStudySettings` accepts. */
export const STUDY_SETTING_RANGES = {
  desiredRetention: { min: 0.7, max: 0.99 },
  dailyNewLimit: { min: 0, max: 1000 },
  dailyReviewLimit: { min: 0, max: 10_000 },
} as const;
