import type { ConsumerSpec } from "@kai/runtime";
import type { AnalyticsSchema } from "../../db/tables.ts";
import { captureCreatedConsumer } from "./capture-created.ts";
import { captureProcessedConsumer } from "./capture-processed.ts";
import { flashcardReviewedConsumer } from "./flashcard-reviewed.ts";
import { topicCompletedConsumer } from "./topic-completed.ts";
import { userCreatedConsumer } from "./user-created.ts";
import { userDeletedConsumer } from "./user-deleted.ts";

/** Every consumer that adds to the read model; the order between them does not matter. */
export const factConsumers = (): ConsumerSpec<AnalyticsSchema>[] => [
  userCreatedConsumer(),
  captureCreatedConsumer(),
  captureProcessedConsumer(),
  flashcardReviewedConsumer(),
  topicCompletedConsumer(),
];

/**
 * The consumers whose effect depends on the facts being in: an erasure pseudonymizes the
 * user's rows and skips their later events, so a replay applies it after the facts (see
 * rebuild/rebuild-read-model.ts).
 */
export const erasureConsumers = (): ConsumerSpec<AnalyticsSchema>[] => [userDeletedConsumer()];
