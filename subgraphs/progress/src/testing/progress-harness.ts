import { randomUUID } from "node:crypto";
import { buildEvent, type EventData, type EventEnvelope, type EventType } from "@kai/events";
import { redisNamespace } from "@kai/redis";
import { startTestSubgraph, type TestSubgraph } from "@kai/runtime/testing";
import { waitFor } from "@kai/testkit";
import { eq } from "drizzle-orm";
import { progressSubgraph } from "../app.ts";
import { databaseId } from "../db/database-identity.repo.ts";
import { type UserProgressRow, userProgress } from "../db/schema.ts";
import type { ProgressSchema } from "../db/tables.ts";
import { loadProgressEnv, type ProgressEnv } from "../env.ts";

const DAY_MS = 86_400_000;

export interface ProgressHarnessOptions {
  /** The subgraph's clock, and the default time of the events published here. Default: real time. */
  now?: () => Date;
  /** Settings over the test defaults (see startTestSubgraph). */
  env?: Record<string, string>;
  /** A private redis-server. Default true; false when `env.REDIS_URL` names a shared one. */
  redis?: boolean;
}

export interface ProgressHarness extends TestSubgraph<ProgressSchema, ProgressEnv> {
  /** Every SQL statement the subgraph ran so far, in order. */
  statements: string[];
  /** The prefix of every Redis key progress writes (its database's id is part of it). */
  namespace: string;
  /** Publishes an event of another subgraph for the user, as its relay would. */
  publish<T extends EventType>(
    type: T,
    userId: string,
    data: EventData<T>,
    occurredAt?: Date,
  ): Promise<EventEnvelope<T>>;
  /** A flashcard review (+10 points) at `at`, by default now. */
  reviewed(userId: string, at?: Date): Promise<EventEnvelope<"learning.flashcard_reviewed">>;
  /** A completed topic (+50 points) at `at`, by default now. */
  completed(userId: string, at?: Date): Promise<EventEnvelope<"learning.topic_completed">>;
  /** A new user (users.user_created), resolved once progress holds their row. */
  newUser(name: string, timezone?: string): Promise<string>;
  /** The user's progress row as stored. */
  stored(userId: string): Promise<UserProgressRow | undefined>;
  /** Waits until the user's stored points are exactly `points`; returns the row. */
  withPoints(userId: string, points: number): Promise<UserProgressRow>;
}

/** The progress subgraph alone (see startTestSubgraph) with Redis, and events to drive it. */
export async function startProgressHarness(
  options: ProgressHarnessOptions = {},
): Promise<ProgressHarness> {
  const now = options.now ?? (() => new Date());
  const statements: string[] = [];
  const harness = await startTestSubgraph((env) => progressSubgraph(env, { now }), {
    loadEnv: loadProgressEnv,
    redis: options.redis ?? true,
    env: { PUBLIC_APP_URL: "https://kai.test/", ...options.env },
    onQuery: (query) => statements.push(query),
  });
  const { db } = harness.subgraph.deps;

  const publish = async <T extends EventType>(
    type: T,
    userId: string,
    data: EventData<T>,
    occurredAt = now(),
  ) => {
    const event = buildEvent(type, userId, data, occurredAt);
    await harness.events.publish(event);
    return event;
  };
  const stored = async (userId: string) => {
    const [row] = await db.select().from(userProgress).where(eq(userProgress.userId, userId));
    return row;
  };

  return {
    ...harness,
    statements,
    namespace: redisNamespace("progress", await databaseId(db)),
    publish,
    stored,
    reviewed: (userId, at = now()) =>
      publish(
        "learning.flashcard_reviewed",
        userId,
        {
          flashcardId: randomUUID(),
          topicId: randomUUID(),
          quality: 4,
          repetitions: 1,
          interval: 1,
          easeFactor: 2.5,
          nextReview: new Date(at.getTime() + DAY_MS).toISOString(),
        },
        at,
      ),
    completed: (userId, at = now()) =>
      publish("learning.topic_completed", userId, { topicId: randomUUID() }, at),
    async newUser(name, timezone = "UTC") {
      const userId = randomUUID();
      await publish("users.user_created", userId, {
        email: `${userId}@example.com`,
        name,
        timezone,
        role: "USER",
      });
      await waitFor(() => stored(userId), { what: `progress of ${name}` });
      return userId;
    },
    withPoints: (userId, points) =>
      waitFor(
        async () => {
          const row = await stored(userId);
          return row?.points === points ? row : undefined;
        },
        { what: `${points} points for ${userId}` },
      ),
  };
}
