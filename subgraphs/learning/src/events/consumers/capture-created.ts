import type { Db, DbOrTx } from "@kai/db";
import { enqueueEvent } from "@kai/events";
import type { ConsumerSpec } from "@kai/runtime";
import type { Logger } from "@kai/service";
import { costOfCapture } from "../../db/ai-calls.repo.ts";
import { insertNewFlashcards } from "../../db/flashcards.repo.ts";
import type { LearningSchema } from "../../db/tables.ts";
import { findTopicsByCaptureIds, insertCaptureTopic } from "../../db/topics.repo.ts";
import { subjectParent } from "../../decks/subject-placement.ts";
import { judgeDeck, MAX_CARDS } from "../../domain/capture-deck.ts";
import { dropDuplicateCards } from "../../domain/card-dedupe.ts";
import type { CaptureText, CaptureTextReader } from "../../extraction/capture-text.ts";
import type { CardGenerator, GeneratedDeck } from "../../generation/card-generator.ts";

/** A capture read (its page fetched, its screenshot recognised) and its deck, or why not. */
type PreparedCapture =
  | { failure: string }
  | { read: Extract<CaptureText, { ok: true }>; deck: GeneratedDeck };

/**
 * Turns each new capture into a topic with 1–5 flashcards, or tells captures why it could
 * not, through `learning.capture_processed`. The capture is read (a link fetched, a
 * screenshot recognised) and the deck generated before the transaction (both can take
 * seconds); placing and storing it happens inside.
 */
export function captureCreatedConsumer(deps: {
  db: Db<LearningSchema>;
  generator: CardGenerator;
  texts: CaptureTextReader;
  log: Logger;
}): ConsumerSpec<LearningSchema, "captures.capture_created", PreparedCapture | null> {
  const hasTopic = async (db: DbOrTx<LearningSchema>, captureId: string, userId: string) =>
    (await findTopicsByCaptureIds(db, [captureId], userId)).length > 0;

  return {
    durable: "learning-cards-from-captures",
    type: "captures.capture_created",
    // The reason stays in the logs and the dead letters; the user gets one they can act on.
    async onGiveUp(tx, event) {
      await enqueueEvent(tx, "learning.capture_processed", event.userId, {
        captureId: event.data.captureId,
        status: "FAILED",
        topicId: null,
        flashcardCount: 0,
        reason: "Kai could not make flashcards from this capture. Please try again later.",
      });
    },
    async prepare({ userId, data: { captureId, ...capture } }) {
      // The same capture announced again under another event id: spend nothing on it.
      if (await hasTopic(deps.db, captureId, userId)) return null;
      const read = await deps.texts.of(capture, { ownerId: userId, captureId });
      if (!read.ok) return { failure: read.reason };
      const material = {
        ...capture,
        content: read.text,
        extracted: read.extractedText !== undefined,
      };
      const deck = await deps.generator.generate({
        capture: material,
        captureId,
        userId,
        maxCards: MAX_CARDS,
      });
      return { read, deck };
    },
    async handle(tx, event, prepared) {
      const { captureId } = event.data;
      if (!prepared || (await hasTopic(tx, captureId, event.userId))) {
        deps.log.warn({ captureId, eventId: event.id }, "capture already has a topic; skipped");
        return;
      }
      if ("failure" in prepared) {
        await enqueueEvent(tx, "learning.capture_processed", event.userId, {
          captureId,
          status: "FAILED",
          topicId: null,
          flashcardCount: 0,
          reason: prepared.failure,
        });
        return;
      }
      const { read, deck } = prepared;
      // The calls were booked while the deck was made, before this transaction.
      const made = {
        generator: deck.generator,
        note: deck.note,
        aiCost: await costOfCapture(tx, event.userId, captureId),
        ...(read.extractedText !== undefined
          ? { title: read.title, extractedText: read.extractedText }
          : {}),
      };
      const verdict = judgeDeck({
        topicName: deck.topicName,
        cards: dropDuplicateCards(deck.cards),
      });
      if (!verdict.usable) {
        await enqueueEvent(tx, "learning.capture_processed", event.userId, {
          captureId,
          status: "FAILED",
          topicId: null,
          flashcardCount: 0,
          reason: verdict.reason,
          ...made,
        });
        return;
      }
      const parent = await subjectParent(tx, event.userId, verdict.topicName);
      const now = new Date();
      const topic = await insertCaptureTopic(tx, {
        ownerId: event.userId,
        captureId,
        parentId: parent?.id ?? null,
        name: verdict.topicName,
        createdAt: now,
      });
      // Only a concurrent replica handling the same capture gets here; its topic stands.
      if (!topic) return;
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
        ...made,
      });
    },
  };
}
