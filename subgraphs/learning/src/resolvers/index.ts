import { DateTime, viewerAsUser } from "@kai/service";
import { ImportJob } from "../deck-transfer/resolvers/import-job.ts";
import { exportDeck } from "../deck-transfer/resolvers/mutation-export-deck.ts";
import { importDeck } from "../deck-transfer/resolvers/mutation-import-deck.ts";
import { importJob } from "../deck-transfer/resolvers/query-import-job.ts";
import type { Resolvers } from "../generated/graphql.ts";
import { Capture } from "./capture.ts";
import { DueFlashcardsUpdate } from "./due-flashcards-update.ts";
import { Flashcard } from "./flashcard.ts";
import { completeTopic } from "./mutation-complete-topic.ts";
import { createFlashcard } from "./mutation-create-flashcard.ts";
import { createTopic } from "./mutation-create-topic.ts";
import { deleteFlashcard } from "./mutation-delete-flashcard.ts";
import { deleteTopic } from "./mutation-delete-topic.ts";
import { generateSyllabus } from "./mutation-generate-syllabus.ts";
import { reviewFlashcard } from "./mutation-review-flashcard.ts";
import { updateFlashcard } from "./mutation-update-flashcard.ts";
import { updateStudySettings } from "./mutation-update-study-settings.ts";
import { updateTopic } from "./mutation-update-topic.ts";
import { aiUsageReport } from "./query-ai-usage-report.ts";
import { dueFlashcards } from "./query-due-flashcards.ts";
import { flashcard } from "./query-flashcard.ts";
import { FlashcardSearch, searchFlashcardsQuery } from "./query-search-flashcards.ts";
import { studyQueue } from "./query-study-queue.ts";
import { topic } from "./query-topic.ts";
import { topics } from "./query-topics.ts";
import { Syllabus } from "./syllabus.ts";
import { Topic } from "./topic.ts";
import { User } from "./user.ts";

export const resolvers: Resolvers = {
  DateTime,
  Query: {
    me: viewerAsUser,
    topic,
    topics,
    flashcard,
    dueFlashcards,
    studyQueue,
    aiUsageReport,
    searchFlashcards: searchFlashcardsQuery,
    importJob,
  },
  Mutation: {
    createTopic,
    createFlashcard,
    reviewFlashcard,
    completeTopic,
    generateSyllabus,
    updateFlashcard,
    deleteFlashcard,
    updateTopic,
    deleteTopic,
    updateStudySettings,
    exportDeck,
    importDeck,
  },
  DueFlashcardsUpdate,
  Topic,
  Syllabus,
  Flashcard,
  FlashcardSearch,
  User,
  Capture,
  ImportJob,
};
