import { randomUUID } from "node:crypto";
import type { EventEnvelope, EventType } from "@kai/events";
import { errorCode } from "@kai/runtime/testing";
import { waitFor } from "@kai/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ProgressHarness, startProgressHarness } from "./testing/progress-harness.ts";

const DAY_MS = 86_400_000;
/** The durable consumer that scores reviews. */
const REVIEWS = "progress-flashcard-reviewed";

// Real time here: daily activity is cut off by the database's own clock. Each test makes
// its own users, so none reads another's state; the leaderboard's tests fix the clock.
let harness: ProgressHarness;

beforeAll(async () => {
  harness = await startProgressHarness();
});

afterAll(() => harness?.dispose());

/** The local (UTC) date an event happened on. */
const dayOf = (event: { occurredAt: string }) => event.occurredAt.slice(0, 10);

const PROGRESS = /* GraphQL */ `
  query ($reps: [_Any!]!) {
    _entities(representations: $reps) {
      ... on User {
        id
        progress {
          points level nextLevelPoints streak longestStreak lastActiveDate reviews topicsCompleted
          achievements { key title unlockedAt }
          dailyActivity(days: 7) { date reviews topicsCompleted points }
        }
      }
    }
  }
`;

interface Progress {
  points: number;
  level: number;
  nextLevelPoints: number;
  streak: number;
  longestStreak: number;
  lastActiveDate: string | null;
  reviews: number;
  topicsCompleted: number;
  achievements: { key: string; title: string; unlockedAt: string }[];
  dailyActivity:
    | { date: string; reviews: number; topicsCompleted: number; points: number }[]
    | null;
}

async function progressOf(userIds: string[], viewer = userIds[0] as string, role?: "ADMIN") {
  const reps = userIds.map((id) => ({ __typename: "User", id }));
  const { _entities } = await (await harness.clientFor(viewer, role)).request<{
    _entities: { id: string; progress: Progress }[];
  }>(PROGRESS, { reps });
  return _entities.map((entity) => entity.progress);
}

describe("progress from events", () => {
  it("opens a user's progress at zero on user_created", async () => {
    const ada = await harness.newUser("Ada", "Europe/Paris");
    expect(await harness.stored(ada)).toMatchObject({
      displayName: "Ada",
      timezone: "Europe/Paris",
    });
    const [progressOfAda] = await progressOf([ada]);
    expect(progressOfAda).toMatchObject({
      points: 0,
      level: 1,
      nextLevelPoints: 100,
      streak: 0,
      longestStreak: 0,
      lastActiveDate: null,
      achievements: [],
      dailyActivity: [],
    });
  });

  it("gives 10 points and a 1-day streak for a review", async () => {
    const bo = await harness.newUser("Bo");
    const review = await harness.reviewed(bo);
    await harness.withPoints(bo, 10);
    const [result] = await progressOf([bo]);
    expect(result).toMatchObject({
      points: 10,
      streak: 1,
      longestStreak: 1,
      lastActiveDate: dayOf(review),
      reviews: 1,
      topicsCompleted: 0,
      achievements: [{ key: "first-review", title: "First Review" }],
      dailyActivity: [{ date: dayOf(review), reviews: 1, topicsCompleted: 0, points: 10 }],
    });
  });

  it("counts a review of a card that was not due, but awards it nothing", async () => {
    const bea = await harness.newUser("Bea");
    await harness.reviewed(bea);
    const early = await harness.reviewed(bea);
    await harness.publish("learning.flashcard_reviewed", bea, { ...early.data, scored: false });
    const marker = await harness.reviewed(bea);
    await harness.processed(REVIEWS, marker.id);
    const [result] = await progressOf([bea]);
    expect(result).toMatchObject({ points: 30, reviews: 4, streak: 1 });
    expect(result?.dailyActivity).toEqual([
      { date: dayOf(marker), reviews: 4, topicsCompleted: 0, points: 30 },
    ]);
  });

  it("gives 50 points for a completed topic", async () => {
    const cy = await harness.newUser("Cy");
    await harness.completed(cy);
    await harness.withPoints(cy, 50);
    const [result] = await progressOf([cy]);
    expect(result).toMatchObject({ points: 50, topicsCompleted: 1, reviews: 0, streak: 1 });
  });

  it("applies an event delivered twice only once", async () => {
    const di = await harness.newUser("Di");
    const event = await harness.reviewed(di);
    // Another msgID, so JetStream delivers the copy and the consumer must drop it itself.
    await harness.events.publish(event, randomUUID());
    // Handled in order: once this later review is applied, the copy has been handled too.
    // (Waiting for 20 points instead would pass with the copy counted, before the marker.)
    const marker = await harness.reviewed(di);
    await harness.processed(REVIEWS, marker.id);
    expect(await harness.stored(di)).toMatchObject({ points: 20, reviews: 2 });
  });

  it("extends the streak on the next local day and resets it after a gap", async () => {
    const ed = await harness.newUser("Ed");
    const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);
    const steps = [
      { at: daysAgo(4), streak: 1, longestStreak: 1 },
      { at: daysAgo(3), streak: 2, longestStreak: 2 },
      { at: daysAgo(3), streak: 2, longestStreak: 2 },
      { at: daysAgo(1), streak: 1, longestStreak: 2 },
      { at: daysAgo(0), streak: 2, longestStreak: 2 },
    ];
    let last: { occurredAt: string } = { occurredAt: "" };
    for (const [index, step] of steps.entries()) {
      last = await harness.reviewed(ed, step.at);
      const row = await harness.withPoints(ed, 10 * (index + 1));
      expect({ streak: row.streak, longestStreak: row.longestStreak }).toEqual({
        streak: step.streak,
        longestStreak: step.longestStreak,
      });
    }
    const [result] = await progressOf([ed]);
    expect(result).toMatchObject({ streak: 2, longestStreak: 2, lastActiveDate: dayOf(last) });
  });

  it("counts the streak's days in the user's own time zone", async () => {
    const fay = await harness.newUser("Fay", "America/Los_Angeles");
    // 03:00 and 20:00 UTC on one UTC day are two different days in Los Angeles.
    const day = Date.UTC(2026, 0, 15);
    await harness.reviewed(fay, new Date(day + 3 * 3_600_000));
    await harness.reviewed(fay, new Date(day + 20 * 3_600_000));
    const row = await harness.withPoints(fay, 20);
    expect(row).toMatchObject({ streak: 2, lastActiveDate: "2026-01-15" });
  });

  it("announces level-ups, streak updates and achievements on NATS", async () => {
    const gus = await harness.newUser("Gus");
    await harness.completed(gus);
    await harness.completed(gus);
    await harness.withPoints(gus, 100);
    const { jsm } = harness.subgraph.deps.nats;
    const last = <T extends EventType>(type: T) =>
      waitFor(
        async () =>
          (await jsm.streams.getMessage("PROGRESS", { last_by_subj: `${type}.${gus}` })).json<
            EventEnvelope<T>
          >(),
        { what: `${type} for Gus` },
      );
    expect((await last("progress.level_up")).data).toEqual({ level: 2, points: 100 });
    expect((await last("progress.streak_updated")).data).toMatchObject({
      streak: 1,
      longestStreak: 1,
      points: 100,
      level: 2,
    });
    expect((await last("progress.achievement_unlocked")).data).toEqual({
      key: "first-topic-completed",
      title: "Topic Conquered",
    });
  });

  it("shows daily activity only to the user themself and admins; others get NOT_FOUND", async () => {
    const hal = await harness.newUser("Hal");
    const ivy = await harness.newUser("Ivy");
    const review = await harness.reviewed(hal);
    await harness.withPoints(hal, 10);
    const reps = [{ __typename: "User", id: hal }];
    const asIvy = (await harness.clientFor(ivy)).request(PROGRESS, { reps });
    expect(await errorCode(asIvy)).toBe("NOT_FOUND");
    const [asAdmin] = await progressOf([hal], ivy, "ADMIN");
    expect(asAdmin?.dailyActivity).toEqual([
      { date: dayOf(review), reviews: 1, topicsCompleted: 0, points: 10 },
    ]);
  });

  it("rejects a dailyActivity window out of range", async () => {
    const jo = await harness.newUser("Jo");
    const request = (await harness.clientFor(jo)).request(
      `query ($reps: [_Any!]!) {
        _entities(representations: $reps) { ... on User { progress { dailyActivity(days: 0) { date } } } }
      }`,
      { reps: [{ __typename: "User", id: jo }] },
    );
    expect(await errorCode(request)).toBe("BAD_USER_INPUT");
  });

  it("resolves User.progress for N users with a bounded number of statements", async () => {
    const admin = randomUUID();
    const users = await Promise.all(
      ["K1", "K2", "K3", "K4", "K5", "K6"].map((n) => harness.newUser(n)),
    );
    await Promise.all(users.map((id) => harness.reviewed(id)));
    await Promise.all(users.map((id) => harness.withPoints(id, 10)));
    const count = async (ids: string[]) => {
      harness.statements.length = 0;
      const results = await progressOf(ids, admin, "ADMIN");
      expect(results.map((result) => result.points)).toEqual(ids.map(() => 10));
      return harness.statements.filter((sql) =>
        /user_progress|achievements|daily_activity/.test(sql),
      ).length;
    };
    const forTwo = await count(users.slice(0, 2));
    const forSix = await count(users);
    expect(forSix).toBe(forTwo);
    expect(forSix).toBeLessThanOrEqual(3);
  });
});
