import type { Db } from "@kai/db";
import { countAiCall } from "@kai/runtime";
import type { Logger } from "@kai/service";
import { costSince, insertAiCall } from "../db/ai-calls.repo.ts";
import type { LearningSchema } from "../db/tables.ts";
import { estimateCost, type PriceTable } from "../domain/ai-cost.ts";
import { startOfUtcDay } from "../domain/usage-period.ts";

/** Whose call it is and what it was for: a capture's cards or a topic's syllabus. */
export interface AiSubject {
  ownerId: string;
  /** "ocr": reading a screenshot's text; "transcript": transcribing a video. */
  purpose: "cards" | "syllabus" | "ocr" | "transcript";
  captureId?: string;
  topicId?: string;
}

export type CallOutcome =
  | "ok"
  | "invalid_output"
  | "rate_limited"
  | "server_error"
  | "client_error"
  | "timeout"
  | "network_error";

export interface CallRecord {
  model: string;
  outcome: CallOutcome;
  promptTokens: number;
  outputTokens: number;
  latencyMs: number;
}

export interface AiLedger {
  /** Books one model call. Never throws: losing a ledger row must not lose the user's cards. */
  record(subject: AiSubject, call: CallRecord): Promise<void>;
  /** Whether the owner's calls today (UTC) have used up the daily budget. */
  overBudget(ownerId: string, now?: Date): Promise<boolean>;
}

/**
 * The ledger in learning's database. Rows are written as calls finish, outside any effect's
 * transaction: a call costs money whether or not what it was for commits.
 */
export function databaseLedger(
  db: Db<LearningSchema>,
  settings: { prices: PriceTable; dailyBudgetUsd: number },
  log: Logger,
): AiLedger {
  return {
    async record(subject, call) {
      const estimatedCost = estimateCost(settings.prices, call.model, call);
      countAiCall({ model: call.model, outcome: call.outcome, costUsd: estimatedCost });
      try {
        await insertAiCall(db, {
          ownerId: subject.ownerId,
          captureId: subject.captureId ?? null,
          topicId: subject.topicId ?? null,
          purpose: subject.purpose,
          ...call,
          estimatedCost,
        });
      } catch (error) {
        log.error({ err: error, subject, call }, "could not record an AI call in the ledger");
      }
    },
    async overBudget(ownerId, now = new Date()) {
      return (await costSince(db, ownerId, startOfUtcDay(now))) >= settings.dailyBudgetUsd;
    },
  };
}
