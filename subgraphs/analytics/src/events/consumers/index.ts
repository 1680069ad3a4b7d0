import type { ConsumerSpec } from "@kai/runtime";
import type { AnalyticsSchema } from "../../db/tables.ts";
import { captureCreatedConsumer } from "./capture-created.ts";
import { captureProcessedConsumer } from "./capture-processed.ts";
import { flashcardReviewedConsumer } from "./flashcard-reviewed.ts";
import { topicCompletedConsumer } from "./topic-completed.ts";
import { userCreatedConsumer } from "./user-created.ts";
import { userDeletedConsumer } from "./user-deleted.ts";

/**
 * Every consumer of the read model. The order between them does not matter, the erasure's
 * included: it deletes the user's rows and skips their later events, so applied before or
 * after the user's activity it leaves none of it.
 */
export const analyticsConsumers = (): ConsumerSpec<AnalyticsSchema>[] => [
  userCreatedConsumer(),
  captureCreatedConsumer(),
  captureProcessedConsumer(),
  flashcardReviewedConsumer(),
  topicCompletedConsumer(),
  userDeletedConsumer(),
];
