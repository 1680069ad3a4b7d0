import { randomUUID } from "node:crypto";
import { redisNamespace } from "@kai/redis";
import { errorCode } from "@kai/runtime/testing";
import { waitFor } from "@kai/testkit";
import { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { databaseId } from "../db/database-identity.repo.ts";
import { type LeaderboardPeriod, periodWindow } from "../domain/periods.ts";
import { type ProgressHarness, startProgressHarness } from "../testing/progress-harness.ts";

const DAY_MS = 86_400_000;
/** A Wednesday whose week began on Monday the 19th: last week is this month too. */
const MID_MONTH = new Date("2026-01-21T12:00:00Z");
/** A Wednesday whose week began on Monday 30 March: last week belongs to last month. */
const MONTH_START = new Date("2026-04-01T12:00:00Z");

const LEADERBOARD = /* GraphQL */ `
  query ($period: LeaderboardPeriod, $limit: Int) {
    leaderboard(period: $period, limit: $limit) { rank points level streak user { id } }
  }
`;

interface Entry {
  rank: number;
  points: number;
  level: number;
  streak: number;
  user: { id: string };
}

interface Board {
  who: string | undefined;
  rank: number;
  points: number;
}

// Every test has a progress of its own (database, Redis, NATS) whose clock stands still, so
// no test sees another's users or scores and none depends on the day it runs.
let clock: Date;
let harness: ProgressHarness;
let redis: Redis;

beforeEach(async () => {
  clock = MID_MONTH;
  harness = await startProgressHarness({ now: () => clock });
  redis = new Redis(harness.redis?.url ?? "", { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
});

afterEach(async () => {
  redis?.disconnect();
  await harness?.dispose();
});

/** A board's key as this test's plain client sees it: the namespace is spelled out. */
const boardKey = (period: LeaderboardPeriod) =>
  `${harness.namespace}:leaderboard:${periodWindow(period, clock).id}`;

/**
 * Three users scoring in different periods around the clock: Top 400 points this week, Old 200
 * this week and 400 long ago, Late 300 at the very end of last week.
 */
async function seed() {
  const [top, old, late] = await Promise.all([
    harness.newUser("Top"),
    harness.newUser("Old"),
    harness.newUser("Late"),
  ]);
  const lastWeek = new Date((periodWindow("WEEKLY", clock).since as Date).getTime() - 60_000);
  const longAgo = new Date(clock.getTime() - 40 * DAY_MS);
  const topics = (userId: string, count: number, at: Date) =>
    Array.from({ length: count }, () => harness.completed(userId, at));
  await Promise.all([
    ...topics(top, 8, clock),
    ...topics(old, 4, clock),
    ...topics(old, 8, longAgo),
    ...topics(late, 6, lastWeek),
  ]);
  await Promise.all([
    harness.withPoints(top, 400),
    harness.withPoints(old, 600),
    harness.withPoints(late, 300),
  ]);
  const names = new Map([
    [top, "top"],
    [old, "old"],
    [late, "late"],
  ]);
  return { top, old, late, lastWeek, names };
}
type Seeded = Awaited<ReturnType<typeof seed>>;

async function leaderboard(viewer: string, variables: object): Promise<Entry[]> {
  const client = await harness.clientFor(viewer);
  return (await client.request<{ leaderboard: Entry[] }>(LEADERBOARD, variables)).leaderboard;
}

/** The whole board for the period, each entry named after its seeded user. */
async function board(users: Seeded, period: LeaderboardPeriod): Promise<Board[]> {
  const entries = await leaderboard(users.top, { period, limit: 100 });
  return entries.map((entry) => ({
    who: users.names.get(entry.user.id),
    rank: entry.rank,
    points: entry.points,
  }));
}

/** The boards as seeded (with Late's all-time points given), at the MID_MONTH clock. */
async function expectBoards(users: Seeded, lateAllTime = 300): Promise<void> {
  expect(await board(users, "ALL_TIME")).toEqual([
    { who: "old", rank: 1, points: 600 },
    { who: "top", rank: 2, points: 400 },
    { who: "late", rank: 3, points: lateAllTime },
  ]);
  expect(await board(users, "WEEKLY")).toEqual([
    { who: "top", rank: 1, points: 400 },
    { who: "old", rank: 2, points: 200 },
  ]);
  expect(await board(users, "MONTHLY")).toEqual([
    { who: "top", rank: 1, points: 400 },
    { who: "late", rank: 2, points: lateAllTime },
    { who: "old", rank: 3, points: 200 },
  ]);
}

describe("leaderboard", () => {
  it("ranks users by points for the week and month the clock is in", async () => {
    const users = await seed();
    await expectBoards(users);
  });

  it("leaves last week's points off this month's board when the month began this week", async () => {
    clock = MONTH_START;
    const users = await seed();
    expect(await board(users, "MONTHLY")).toEqual([
      { who: "top", rank: 1, points: 400 },
      { who: "old", rank: 2, points: 200 },
    ]);
    expect(await board(users, "WEEKLY")).toEqual(await board(users, "MONTHLY"));
  });

  it("shows the top `limit` with current level and streak; a lapsed streak shows 0", async () => {
    const { top, old, late } = await seed();
    expect(await leaderboard(top, { limit: 2 })).toEqual([
      { rank: 1, points: 600, level: 3, streak: 1, user: { id: old } },
      { rank: 2, points: 400, level: 3, streak: 1, user: { id: top } },
    ]);
    // Late was last active on Sunday; by the clock's Wednesday the streak is over.
    const [third] = (await leaderboard(top, { limit: 3 })).slice(2);
    expect(third).toEqual({ rank: 3, points: 300, level: 2, streak: 0, user: { id: late } });
    expect(await redis.zscore(boardKey("ALL_TIME"), old)).toBe("600");
  });

  it("sets the new absolute score in Redis after an award", async () => {
    const users = await seed();
    await expectBoards(users);
    await harness.completed(users.late, users.lastWeek);
    await harness.withPoints(users.late, 350);
    await waitFor(
      async () =>
        (await redis.zscore(boardKey("ALL_TIME"), users.late)) === "350" ? true : undefined,
      { what: "Late's all-time score in Redis" },
    );
    await expectBoards(users, 350);
  });

  it("sets each board's own score for the award's instant, every window read at once", async () => {
    const users = await seed();
    await expectBoards(users);
    // Earlier this month, before this week began: the month and all time gain, the week not.
    await harness.completed(users.old, new Date("2026-01-10T12:00:00Z"));
    await harness.withPoints(users.old, 650);
    await waitFor(
      async () =>
        (await redis.zscore(boardKey("MONTHLY"), users.old)) === "250" ? true : undefined,
      { what: "Old's monthly score in Redis" },
    );
    expect(await redis.zscore(boardKey("ALL_TIME"), users.old)).toBe("650");
    expect(await redis.zscore(boardKey("WEEKLY"), users.old)).toBe("200");
  });

  it("takes a deleted user off every board in Redis, and their progress rows go", async () => {
    const users = await seed();
    await expectBoards(users);
    const periods = ["ALL_TIME", "WEEKLY", "MONTHLY"] as const;
    for (const period of periods)
      expect(await redis.zscore(boardKey(period), users.top)).not.toBeNull();
    await harness.publish("users.user_deleted", users.top, {});
    await waitFor(async () => ((await harness.stored(users.top)) ? undefined : true), {
      what: "Top's progress to be deleted",
    });
    await waitFor(
      async () => {
        const scores = await Promise.all(periods.map((p) => redis.zscore(boardKey(p), users.top)));
        return scores.every((score) => score === null) ? true : undefined;
      },
      { what: "Top off every board in Redis" },
    );
    expect(await board(users, "ALL_TIME")).toEqual([
      { who: "old", rank: 1, points: 600 },
      { who: "late", rank: 2, points: 300 },
    ]);
    expect(await board(users, "WEEKLY")).toEqual([{ who: "old", rank: 1, points: 200 }]);
  });

  it("rebuilds from Postgres after Redis loses everything", async () => {
    const users = await seed();
    await expectBoards(users);
    await redis.flushall();
    await expectBoards(users);
    expect(await redis.zscore(boardKey("ALL_TIME"), users.top)).toBe("400");
  });

  it("keeps its keys under a namespace holding its database's id", async () => {
    const users = await seed();
    expect(harness.namespace).toMatch(/^kai:progress:[0-9a-f-]{36}$/);
    // Asked again (as a second replica would), the database gives the same id.
    const again = redisNamespace("progress", await databaseId(harness.subgraph.deps.db));
    expect(again).toBe(harness.namespace);
    await board(users, "ALL_TIME");
    expect(await redis.exists(boardKey("ALL_TIME"))).toBe(1);
    expect(await redis.exists("leaderboard:all")).toBe(0);
  });

  it("drops members it has no user for, and gives their places to the next users", async () => {
    const users = await seed();
    await board(users, "ALL_TIME");
    // A user deleted since the board was built, and junk someone else wrote into the key.
    const gone = randomUUID();
    await redis.zadd(boardKey("ALL_TIME"), 9_000, gone, 8_000, "not-a-user");
    const entries = await leaderboard(users.top, { limit: 2 });
    expect(entries.map((entry) => [entry.rank, entry.user.id])).toEqual([
      [1, users.old],
      [2, users.top],
    ]);
    // Removed from Redis, not only hidden: the next read finds a clean board.
    expect(await redis.zscore(boardKey("ALL_TIME"), gone)).toBeNull();
    expect(await redis.zscore(boardKey("ALL_TIME"), "not-a-user")).toBeNull();
    expect(await redis.zscore(boardKey("ALL_TIME"), users.old)).toBe("600");
    await expectBoards(users);
  });

  it("rebuilds a board that is mostly strangers instead of cleaning it forever", async () => {
    const users = await seed();
    await board(users, "ALL_TIME");
    const strangers = Array.from({ length: 500 }, (_, i) => [100_000 + i, randomUUID()]);
    await redis.zadd(boardKey("ALL_TIME"), ...strangers.flat());
    await expectBoards(users);
    expect(await redis.zcard(boardKey("ALL_TIME"))).toBe(3);
  });

  it("reads no other deployment's board, nor the bare keys of old", async () => {
    const users = await seed();
    const foreign = randomUUID();
    const otherDatabase = redisNamespace("progress", randomUUID());
    await redis.zadd(`${otherDatabase}:leaderboard:all`, 1_000_000, foreign);
    await redis.zadd("leaderboard:all", 1_000_000, foreign);
    await expectBoards(users);
    // Theirs are left alone, too.
    expect(await redis.zscore(`${otherDatabase}:leaderboard:all`, foreign)).toBe("1000000");
    expect(await redis.zscore("leaderboard:all", foreign)).toBe("1000000");
  });

  it("starts on a reset database with new keys, not the old database's board", async () => {
    const { top } = await seed();
    await leaderboard(top, { limit: 100 });
    // Another progress on a new, empty database sharing this Redis (with its own NATS, so the
    // two do not split each other's events).
    const other = await startProgressHarness({
      now: () => clock,
      redis: false,
      env: { REDIS_URL: harness.redis?.url ?? "" },
    });
    try {
      expect(other.namespace).not.toBe(harness.namespace);
      const viewer = await other.clientFor(randomUUID());
      const { leaderboard: entries } = await viewer.request<{ leaderboard: Entry[] }>(LEADERBOARD, {
        limit: 100,
      });
      expect(entries).toEqual([]);
      expect(await redis.zscore(boardKey("ALL_TIME"), top)).toBe("400");
    } finally {
      await other.dispose();
    }
  });

  it("rejects a limit outside 1..100", async () => {
    const viewer = await harness.clientFor(randomUUID());
    for (const limit of [0, 101]) {
      expect(await errorCode(viewer.request(LEADERBOARD, { limit }))).toBe("BAD_USER_INPUT");
    }
  });

  it("refuses anonymous callers", async () => {
    expect(await errorCode(harness.client().request(LEADERBOARD, {}))).toBe("UNAUTHENTICATED");
  });

  it("computes the board from Postgres while Redis is down", async () => {
    const users = await seed();
    await expectBoards(users);
    redis.disconnect();
    await harness.redis?.stop();
    await expectBoards(users);
  });
});

describe("shareCard", () => {
  const SHARE = /* GraphQL */ `
    query ($userId: ID!) {
      shareCard(userId: $userId) {
        text
        stats { points level streak longestStreak achievements }
        platforms { twitter linkedin }
      }
    }
  `;
  interface ShareCard {
    text: string;
    stats: object;
    platforms: { twitter: string; linkedin: string };
  }

  it("is made for any user, with their current streak", async () => {
    const { top, old } = await seed();
    const viewer = await harness.clientFor(old);
    const { shareCard } = await viewer.request<{ shareCard: ShareCard }>(SHARE, { userId: top });
    expect(shareCard.stats).toEqual({
      points: 400,
      level: 3,
      streak: 1,
      longestStreak: 1,
      achievements: 1,
    });
    expect(shareCard.text).toBe(
      "Top is learning on Kai! Level 3, 400 points and 1 achievement so far.",
    );
    const twitter = new URL(shareCard.platforms.twitter);
    expect(twitter.searchParams.get("text")).toBe(shareCard.text);
    expect(shareCard.platforms.linkedin).toBe(
      `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(`https://kai.test/u/${top}`)}`,
    );
  });

  it("answers NOT_FOUND for an unknown user and for a malformed id alike", async () => {
    const viewer = await harness.clientFor(randomUUID());
    expect(await errorCode(viewer.request(SHARE, { userId: randomUUID() }))).toBe("NOT_FOUND");
    expect(await errorCode(viewer.request(SHARE, { userId: "nope" }))).toBe("NOT_FOUND");
  });
});
