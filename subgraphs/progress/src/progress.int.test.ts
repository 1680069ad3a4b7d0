import { randomUUID } from "node:crypto";
import { buildEvent, type EventData, type EventEnvelope, type EventType } from "@kai/events";
import { redisNamespace } from "@kai/redis";
import { type RunningSubgraph, startSubgraphRuntime } from "@kai/runtime";
import {
  createTestDatabases,
  type NatsServer,
  type RedisServer,
  startNatsServer,
  startRedisServer,
  startTestIssuer,
  type TestDatabases,
  type TestIssuer,
  waitFor,
} from "@kai/testkit";
import { eq } from "drizzle-orm";
import { type ClientError, GraphQLClient } from "graphql-request";
import { Redis } from "ioredis";
import { connect, type JetStreamClient, type NatsConnection } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { progressSubgraph } from "./app.ts";
import { databaseId } from "./db/database-identity.repo.ts";
import { userProgress } from "./db/schema.ts";
import type { ProgressSchema } from "./db/tables.ts";
import { type LeaderboardPeriod, periodWindow } from "./domain/periods.ts";
import { loadProgressEnv } from "./env.ts";

const DAY_MS = 86_400_000;

let nats: NatsServer;
let redisServer: RedisServer;
let issuer: TestIssuer;
let databases: TestDatabases;
let progress: RunningSubgraph<ProgressSchema>;
let nc: NatsConnection;
let js: JetStreamClient;
let redis: Redis;
/** The namespace progress writes its keys under, read from its database. */
let namespace: string;
const statements: string[] = [];

beforeAll(async () => {
  [nats, redisServer, issuer, databases] = await Promise.all([
    startNatsServer(),
    startRedisServer(),
    startTestIssuer(),
    createTestDatabases(["progress"]),
  ]);
  const env = loadProgressEnv({
    PORT: "0",
    NATS_URL: nats.url,
    REDIS_URL: redisServer.url,
    JWKS_URL: issuer.jwksUrl,
    PUBLIC_APP_URL: "https://kai.test/",
    LOG_LEVEL: "silent",
  });
  progress = await startSubgraphRuntime(progressSubgraph(env), {
    env,
    databaseUrl: databases.urls.progress,
    onQuery: (query) => statements.push(query),
  });
  nc = await connect({ servers: nats.url });
  js = nc.jetstream();
  redis = new Redis(redisServer.url, { lazyConnect: true });
  await redis.connect();
  namespace = redisNamespace("progress", await databaseId(progress.deps.db));
});

afterAll(async () => {
  await Promise.all([nc?.drain(), redis?.quit().catch(() => redis.disconnect())]);
  await progress?.stop();
  await Promise.all([
    nats?.dispose(),
    redisServer?.dispose(),
    issuer?.dispose(),
    databases?.dispose(),
  ]);
});

async function publish<T extends EventType>(
  type: T,
  userId: string,
  data: EventData<T>,
  occurredAt = new Date(),
): Promise<EventEnvelope<T>> {
  const event = buildEvent(type, userId, data, occurredAt);
  await js.publish(`${type}.${userId}`, JSON.stringify(event), { msgID: event.id });
  return event;
}

const reviewed = (userId: string, at = new Date()) =>
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
  );

const completed = (userId: string, at = new Date()) =>
  publish("learning.topic_completed", userId, { topicId: randomUUID() }, at);

async function stored(userId: string) {
  const [row] = await progress.deps.db
    .select()
    .from(userProgress)
    .where(eq(userProgress.userId, userId));
  return row;
}

async function newUser(name: string, timezone = "UTC"): Promise<string> {
  const userId = randomUUID();
  await publish("users.user_created", userId, {
    email: `${userId}@example.com`,
    name,
    timezone,
    role: "USER",
  });
  await waitFor(() => stored(userId), { what: `progress of ${name}` });
  return userId;
}

const withPoints = (userId: string, points: number) =>
  waitFor(
    async () => {
      const row = await stored(userId);
      return row?.points === points ? row : undefined;
    },
    { what: `${points} points for ${userId}` },
  );

async function client(userId: string, role: "USER" | "ADMIN" = "USER") {
  const token = await issuer.token(userId, { role });
  return new GraphQLClient(progress.url, { headers: { authorization: `Bearer ${token}` } });
}

const errorCode = async (request: Promise<unknown>) =>
  ((await request.catch((error: ClientError) => error)) as ClientError).response?.errors?.[0]
    ?.extensions?.code;

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
  const { _entities } = await (await client(viewer, role)).request<{
    _entities: { id: string; progress: Progress }[];
  }>(PROGRESS, { reps });
  return _entities.map((entity) => entity.progress);
}

const today = () => new Date().toISOString().slice(0, 10);

describe("progress from events", () => {
  it("opens a user's progress at zero on user_created", async () => {
    const ada = await newUser("Ada", "Europe/Paris");
    expect(await stored(ada)).toMatchObject({ displayName: "Ada", timezone: "Europe/Paris" });
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
    const bo = await newUser("Bo");
    await reviewed(bo);
    await withPoints(bo, 10);
    const [result] = await progressOf([bo]);
    expect(result).toMatchObject({
      points: 10,
      streak: 1,
      longestStreak: 1,
      lastActiveDate: today(),
      reviews: 1,
      topicsCompleted: 0,
      achievements: [{ key: "first-review", title: "First Review" }],
      dailyActivity: [{ date: today(), reviews: 1, topicsCompleted: 0, points: 10 }],
    });
  });

  it("gives 50 points for a completed topic", async () => {
    const cy = await newUser("Cy");
    await completed(cy);
    await withPoints(cy, 50);
    const [result] = await progressOf([cy]);
    expect(result).toMatchObject({ points: 50, topicsCompleted: 1, reviews: 0, streak: 1 });
  });

  it("applies an event delivered twice only once", async () => {
    const di = await newUser("Di");
    const event = await reviewed(di);
    await withPoints(di, 10);
    // Another msgID, so JetStream delivers the copy and the consumer must drop it itself.
    await js.publish(`${event.type}.${di}`, JSON.stringify(event), { msgID: randomUUID() });
    // Consumed in order: once this later event counts, the copy has been seen.
    await reviewed(di);
    await withPoints(di, 20);
    expect(await stored(di)).toMatchObject({ points: 20, reviews: 2 });
  });

  it("extends the streak on the next local day and resets it after a gap", async () => {
    const ed = await newUser("Ed");
    const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);
    const steps = [
      { at: daysAgo(4), streak: 1, longestStreak: 1 },
      { at: daysAgo(3), streak: 2, longestStreak: 2 },
      { at: daysAgo(3), streak: 2, longestStreak: 2 },
      { at: daysAgo(1), streak: 1, longestStreak: 2 },
      { at: daysAgo(0), streak: 2, longestStreak: 2 },
    ];
    for (const [index, step] of steps.entries()) {
      await reviewed(ed, step.at);
      const row = await withPoints(ed, 10 * (index + 1));
      expect({ streak: row.streak, longestStreak: row.longestStreak }).toEqual({
        streak: step.streak,
        longestStreak: step.longestStreak,
      });
    }
    const [result] = await progressOf([ed]);
    expect(result).toMatchObject({ streak: 2, longestStreak: 2, lastActiveDate: today() });
  });

  it("counts the streak's days in the user's own time zone", async () => {
    const fay = await newUser("Fay", "America/Los_Angeles");
    // 03:00 and 20:00 UTC on one UTC day are two different days in Los Angeles.
    const day = Date.UTC(2026, 0, 15);
    await reviewed(fay, new Date(day + 3 * 3_600_000));
    await reviewed(fay, new Date(day + 20 * 3_600_000));
    const row = await withPoints(fay, 20);
    expect(row).toMatchObject({ streak: 2, lastActiveDate: "2026-01-15" });
  });

  it("announces level-ups, streak updates and achievements on NATS", async () => {
    const gus = await newUser("Gus");
    await completed(gus);
    await completed(gus);
    await withPoints(gus, 100);
    const jsm = await nc.jetstreamManager();
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
    const hal = await newUser("Hal");
    const ivy = await newUser("Ivy");
    await reviewed(hal);
    await withPoints(hal, 10);
    const asIvy = (await client(ivy)).request(PROGRESS, {
      reps: [{ __typename: "User", id: hal }],
    });
    expect(await errorCode(asIvy)).toBe("NOT_FOUND");
    const [asAdmin] = await progressOf([hal], ivy, "ADMIN");
    expect(asAdmin?.dailyActivity).toEqual([
      { date: today(), reviews: 1, topicsCompleted: 0, points: 10 },
    ]);
  });

  it("rejects a dailyActivity window out of range", async () => {
    const jo = await newUser("Jo");
    const request = (await client(jo)).request(
      `query ($reps: [_Any!]!) {
        _entities(representations: $reps) { ... on User { progress { dailyActivity(days: 0) { date } } } }
      }`,
      { reps: [{ __typename: "User", id: jo }] },
    );
    expect(await errorCode(request)).toBe("BAD_USER_INPUT");
  });

  it("resolves User.progress for N users with a bounded number of statements", async () => {
    const admin = randomUUID();
    const users = await Promise.all(["K1", "K2", "K3", "K4", "K5", "K6"].map((n) => newUser(n)));
    await Promise.all(users.map((id) => reviewed(id)));
    await Promise.all(users.map((id) => withPoints(id, 10)));
    const count = async (ids: string[]) => {
      statements.length = 0;
      const results = await progressOf(ids, admin, "ADMIN");
      expect(results.map((result) => result.points)).toEqual(ids.map(() => 10));
      return statements.filter((sql) => /user_progress|achievements|daily_activity/.test(sql))
        .length;
    };
    const forTwo = await count(users.slice(0, 2));
    const forSix = await count(users);
    expect(forSix).toBe(forTwo);
    expect(forSix).toBeLessThanOrEqual(3);
  });
});

describe("leaderboard", () => {
  const now = new Date();
  const weekStart = periodWindow("WEEKLY", now).since as Date;
  // Just before this week: last week, but still this month unless the month began this week.
  const lastWeek = new Date(weekStart.getTime() - 60_000);
  const lastWeekIsThisMonth =
    periodWindow("MONTHLY", lastWeek).id === periodWindow("MONTHLY", now).id;
  const longAgo = new Date(now.getTime() - 40 * DAY_MS);
  let top: string;
  let old: string;
  let late: string;
  /** A board's key as this test's plain client sees it: the namespace is spelled out. */
  const boardKey = (period: LeaderboardPeriod) =>
    `${namespace}:leaderboard:${periodWindow(period, new Date()).id}`;

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

  async function board(period: LeaderboardPeriod) {
    const { leaderboard } = await (await client(top)).request<{ leaderboard: Entry[] }>(
      LEADERBOARD,
      { period, limit: 100 },
    );
    expect(leaderboard.map((entry) => entry.rank)).toEqual(leaderboard.map((_, i) => i + 1));
    // Other tests' users score far less, so these three lead every board they are on.
    const ours = new Map([
      [top, "top"],
      [old, "old"],
      [late, "late"],
    ]);
    return leaderboard
      .filter((entry) => ours.has(entry.user.id))
      .map((entry) => ({ who: ours.get(entry.user.id), rank: entry.rank, points: entry.points }));
  }

  async function expectBoards(lateAllTime: number) {
    expect(await board("ALL_TIME")).toEqual([
      { who: "old", rank: 1, points: 600 },
      { who: "top", rank: 2, points: 400 },
      { who: "late", rank: 3, points: lateAllTime },
    ]);
    expect(await board("WEEKLY")).toEqual([
      { who: "top", rank: 1, points: 400 },
      { who: "old", rank: 2, points: 200 },
    ]);
    expect(await board("MONTHLY")).toEqual(
      lastWeekIsThisMonth
        ? [
            { who: "top", rank: 1, points: 400 },
            { who: "late", rank: 2, points: lateAllTime },
            { who: "old", rank: 3, points: 200 },
          ]
        : [
            { who: "top", rank: 1, points: 400 },
            { who: "old", rank: 2, points: 200 },
          ],
    );
  }

  beforeAll(async () => {
    [top, old, late] = await Promise.all([newUser("Top"), newUser("Old"), newUser("Late")]);
    const topics = (userId: string, count: number, at: Date) =>
      Array.from({ length: count }, () => completed(userId, at));
    await Promise.all([
      ...topics(top, 8, now),
      ...topics(old, 4, now),
      ...topics(old, 8, longAgo),
      ...topics(late, 6, lastWeek),
    ]);
    await Promise.all([withPoints(top, 400), withPoints(old, 600), withPoints(late, 300)]);
  });

  it("ranks users by points for each period, with current level and streak", async () => {
    await expectBoards(300);
    const { leaderboard } = await (await client(top)).request<{ leaderboard: Entry[] }>(
      LEADERBOARD,
      { limit: 2 },
    );
    expect(leaderboard).toEqual([
      { rank: 1, points: 600, level: 3, streak: 1, user: { id: old } },
      { rank: 2, points: 400, level: 3, streak: 1, user: { id: top } },
    ]);
    expect(await redis.zscore(boardKey("ALL_TIME"), old)).toBe("600");
  });

  it("sets the new absolute score in Redis after an award", async () => {
    await completed(late, lastWeek);
    await withPoints(late, 350);
    await waitFor(
      async () => ((await redis.zscore(boardKey("ALL_TIME"), late)) === "350" ? true : undefined),
      { what: "Late's all-time score in Redis" },
    );
    await expectBoards(350);
  });

  it("rebuilds from Postgres after Redis loses everything", async () => {
    await redis.flushall();
    await expectBoards(350);
    expect(await redis.zscore(boardKey("ALL_TIME"), top)).toBe("400");
  });

  it("keeps its keys under a namespace holding its database's id", async () => {
    expect(namespace).toMatch(/^kai:progress:[0-9a-f-]{36}$/);
    // Asked again (as a second replica would), the database gives the same id.
    expect(redisNamespace("progress", await databaseId(progress.deps.db))).toBe(namespace);
    await board("ALL_TIME");
    expect(await redis.exists(boardKey("ALL_TIME"))).toBe(1);
    expect(await redis.exists("leaderboard:all")).toBe(0);
  });

  it("drops members it has no user for, and gives their places to the next users", async () => {
    // A user deleted since the board was built, and junk someone else wrote into the key.
    const gone = randomUUID();
    await redis.zadd(boardKey("ALL_TIME"), 9_000, gone, 8_000, "not-a-user");
    await expectBoards(350);
    const { leaderboard } = await (await client(top)).request<{ leaderboard: Entry[] }>(
      LEADERBOARD,
      { limit: 2 },
    );
    expect(leaderboard.map((entry) => [entry.rank, entry.user.id])).toEqual([
      [1, old],
      [2, top],
    ]);
    // Removed from Redis, not only hidden: the next read finds a clean board.
    expect(await redis.zscore(boardKey("ALL_TIME"), gone)).toBeNull();
    expect(await redis.zscore(boardKey("ALL_TIME"), "not-a-user")).toBeNull();
    expect(await redis.zscore(boardKey("ALL_TIME"), old)).toBe("600");
  });

  it("rebuilds a board that is mostly strangers instead of cleaning it forever", async () => {
    const strangers = Array.from({ length: 500 }, (_, i) => [100_000 + i, randomUUID()]);
    await redis.zadd(boardKey("ALL_TIME"), ...strangers.flat());
    await expectBoards(350);
    expect(await redis.zcard(boardKey("ALL_TIME"))).toBeLessThan(100);
  });

  it("reads no other deployment's board, nor the bare keys of old", async () => {
    const foreign = randomUUID();
    const otherDatabase = redisNamespace("progress", randomUUID());
    await redis.zadd(`${otherDatabase}:leaderboard:all`, 1_000_000, foreign);
    await redis.zadd("leaderboard:all", 1_000_000, foreign);
    await expectBoards(350);
    // Theirs are left alone, too.
    expect(await redis.zscore(`${otherDatabase}:leaderboard:all`, foreign)).toBe("1000000");
    expect(await redis.zscore("leaderboard:all", foreign)).toBe("1000000");
  });

  it("starts on a reset database with new keys, not the old database's board", async () => {
    // Another progress on a new, empty database, sharing this Redis (its own NATS, so the two
    // do not split each other's events).
    const [otherNats, otherDatabases] = await Promise.all([
      startNatsServer(),
      createTestDatabases(["progress"]),
    ]);
    const env = loadProgressEnv({
      PORT: "0",
      NATS_URL: otherNats.url,
      REDIS_URL: redisServer.url,
      JWKS_URL: issuer.jwksUrl,
      LOG_LEVEL: "silent",
    });
    const other = await startSubgraphRuntime(progressSubgraph(env), {
      env,
      databaseUrl: otherDatabases.urls.progress,
    });
    try {
      const otherNamespace = redisNamespace("progress", await databaseId(other.deps.db));
      expect(otherNamespace).not.toBe(namespace);
      const token = await issuer.token(randomUUID());
      const viewer = new GraphQLClient(other.url, {
        headers: { authorization: `Bearer ${token}` },
      });
      const { leaderboard } = await viewer.request<{ leaderboard: Entry[] }>(LEADERBOARD, {
        limit: 100,
      });
      expect(leaderboard).toEqual([]);
      expect(await redis.zscore(boardKey("ALL_TIME"), top)).toBe("400");
    } finally {
      await other.stop();
      await Promise.all([otherNats.dispose(), otherDatabases.dispose()]);
    }
  });

  it("rejects a limit outside 1..100", async () => {
    const viewer = await client(top);
    for (const limit of [0, 101]) {
      expect(await errorCode(viewer.request(LEADERBOARD, { limit }))).toBe("BAD_USER_INPUT");
    }
  });

  it("makes a share card for any user", async () => {
    const SHARE = /* GraphQL */ `
      query ($userId: ID!) {
        shareCard(userId: $userId) {
          text
          stats { points level streak longestStreak achievements }
          platforms { twitter linkedin }
        }
      }
    `;
    const { shareCard } = await (await client(old)).request<{
      shareCard: { text: string; stats: object; platforms: { twitter: string; linkedin: string } };
    }>(SHARE, { userId: top });
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
    const viewer = await client(old);
    expect(await errorCode(viewer.request(SHARE, { userId: randomUUID() }))).toBe("NOT_FOUND");
    expect(await errorCode(viewer.request(SHARE, { userId: "nope" }))).toBe("NOT_FOUND");
  });

  it("refuses anonymous callers", async () => {
    const anonymous = new GraphQLClient(progress.url).request(LEADERBOARD, {});
    expect(await errorCode(anonymous)).toBe("UNAUTHENTICATED");
  });

  // Last: the suite's Redis does not come back.
  it("computes the board from Postgres while Redis is down", async () => {
    redis.disconnect();
    await redisServer.dispose();
    await expectBoards(350);
  });
});
