import { DateTime } from "@kai/service";
import { Capture } from "./capture.ts";
import { DueFlashcardsUpdate } from "./due-flashcards-update.ts";
import { Flashcard } from "./flashcard.ts";
import { completeTopic } from "./mutation-complete-topic.ts";
import { createFlashcard } from "./mutation-create-flashcard.ts";
import { createTopic } from "./mutation-create-topic.ts";
import { reviewFlashcard } from "./mutation-review-flashcard.ts";
import { dueFlashcards } from "./query-due-flashcards.ts";
import { flashcard } from "./query-flashcard.ts";
import { topic } from "./query-topic.ts";
import { topics } from "./query-topics.ts";
import { dueFlashcardsChanged } from "./subscription-due-flashcards-changed.ts";
import { Topic } from "./topic.ts";
import { User } from "./user.ts";

export const resolvers = {
  DateTime,
  Query: { topic, topics, flashcard, dueFlashcards },
  Mutation: { createTopic, createFlashcard, reviewFlashcard, completeTopic },
  Subscription: { dueFlashcardsChanged },
  DueFlashcardsUpdate,
  Topic,
  Flashcard,
  User,
  Capture,
};
