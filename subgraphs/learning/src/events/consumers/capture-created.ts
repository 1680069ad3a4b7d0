import { enqueueEvent } from "@kai/events";
import type { ConsumerSpec } from "@kai/runtime";
import type { Logger } from "@kai/service";
import { insertNewFlashcards } from "../../db/flashcards.repo.ts";
import type { LearningSchema } from "../../db/tables.ts";
import { insertCaptureTopic } from "../../db/topics.repo.ts";
import { judgeDeck, MAX_CARDS } from "../../domain/capture-deck.ts";
import type { CardGenerator } from "../../generation/card-generator.ts";

/**
 * Turns each new capture into a topic with 3–5 flashcards, or tells captures why it could
 * not, through `learning.capture_processed`.
 */
export function captureCreatedConsumer(deps: {
  generator: CardGenerator;
  log: Logger;
}): ConsumerSpec<LearningSchema, "captures.capture_created"> {
  return {
    durable: "learning-cards-from-captures",
    type: "captures.capture_created",
    async handle(tx, event) {
      const { captureId, ...capture } = event.data;
      const verdict = judgeDeck(await deps.generator.generate(capture, { maxCards: MAX_CARDS }));
      if (!verdict.usable) {
        await enqueueEvent(tx, "learning.capture_processed", event.userId, {
          captureId,
          status: "FAILED",
          topicId: null,
          flashcardCount: 0,
          reason: verdict.reason,
        });
        return;
      }
      const now = new Date();
      const topic = await insertCaptureTopic(tx, {
        ownerId: event.userId,
        captureId,
        name: verdict.topicName,
        createdAt: now,
      });
      if (!topic) {
        // Announced under another event id already; its topic and event stand.
        deps.log.warn({ captureId, eventId: event.id }, "capture already has a topic; skipped");
        return;
      }
      const cards = await insertNewFlashcards(tx, {
        ownerId: event.userId,
        topicId: topic.id,
        cards: verdict.cards,
        now,
      });
      await enqueueEvent(tx, "learning.capture_processed", event.userId, {
        captureId,
        status: "PROCESSED",
        topicId: topic.id,
        flashcardCount: cards.length,
        reason: null,
      });
    },
  };
}
