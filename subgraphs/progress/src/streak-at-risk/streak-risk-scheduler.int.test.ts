import { randomUUID } from "node:crypto";
import { type Database, openDatabase } from "@kai/db";
import { type EventEnvelope, outbox } from "@kai/events";
import { createLogger } from "@kai/service";
import { createTestDatabases, type TestDatabases } from "@kai/testkit";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { userProgress } from "../db/schema.ts";
import { type ProgressSchema, schema } from "../db/tables.ts";
import { scanStreaksAtRisk, startStreakRiskScheduler } from "./streak-risk-scheduler.ts";

const HOUR = 20;
const migrationsFolder = new URL("../../drizzle", import.meta.url).pathname;
const log = createLogger("streak-risk-test", "silent");

let databases: TestDatabases;
/** Two pools on one database: two replicas of progress. */
let replicas: [Database<ProgressSchema>, Database<ProgressSchema>];

const open = () =>
  openDatabase({ url: databases.urls.progress, pgliteDir: "", migrationsFolder, schema });

beforeAll(async () => {
  databases = await createTestDatabases(["progress"]);
  const first = await open();
  replicas = [first, await open()];
});

afterAll(async () => {
  for (const replica of replicas ?? []) await replica.close();
  await databases?.dispose();
});

const db = () => replicas[0].db;

beforeEach(async () => {
  await db().delete(outbox);
  await db().delete(userProgress);
});

async function user(timezone: string, streak: number, lastActiveDate: string | null) {
  const userId = randomUUID();
  await db()
    .insert(userProgress)
    .values({ userId, displayName: "u", timezone, streak, longestStreak: streak, lastActiveDate });
  return userId;
}

/** The at-risk events in the outbox, as `userId → dates warned`. */
async function warnings(): Promise<Map<string, string[]>> {
  const rows = await db().select().from(outbox);
  const byUser = new Map<string, string[]>();
  for (const { payload, subject } of rows) {
    const event = payload as EventEnvelope<"progress.streak_at_risk">;
    expect(event.type).toBe("progress.streak_at_risk");
    expect(subject).toBe(`progress.streak_at_risk.${event.userId}`);
    byUser.set(event.userId, [...(byUser.get(event.userId) ?? []), event.data.date]);
  }
  return byUser;
}

/** One scan at the instant `at`, on replica 0 or 1. */
const scan = (at: string, replica: 0 | 1 = 0) =>
  scanStreaksAtRisk({ db: replicas[replica].db, hour: HOUR }, new Date(at));

describe("the streak-at-risk scan", () => {
  it("warns each at-risk user once, with their streak and local date, and nobody else", async () => {
    const ada = await user("UTC", 5, "2026-01-14");
    const eve = await user("Europe/Berlin", 7, "2026-01-14"); // 21:30 there
    await user("UTC", 3, "2026-01-15"); // already active today
    await user("UTC", 0, "2026-01-14"); // no streak
    await user("UTC", 4, "2026-01-13"); // already broken
    await user("UTC", 0, null); // never active
    const dan = await user("America/Los_Angeles", 2, "2026-01-14"); // 12:30 there: not yet

    expect(await scan("2026-01-15T20:30:00Z")).toBe(2);
    expect(await warnings()).toEqual(
      new Map([
        [ada, ["2026-01-15"]],
        [eve, ["2026-01-15"]],
      ]),
    );
    const [event] = await db()
      .select()
      .from(outbox)
      .where(eq(outbox.subject, `progress.streak_at_risk.${eve}`));
    expect((event?.payload as EventEnvelope<"progress.streak_at_risk"> | undefined)?.data).toEqual({
      streak: 7,
      date: "2026-01-15",
      timezone: "Europe/Berlin",
    });

    // Later scans the same evening, on either replica, warn nobody again.
    expect(await scan("2026-01-15T21:00:00Z")).toBe(0);
    expect(await scan("2026-01-15T23:59:00Z", 1)).toBe(0);

    // Los Angeles reaches 20:00 later; Ada's streak has ended by then, Eve's too.
    expect(await scan("2026-01-16T04:30:00Z")).toBe(1);
    expect((await warnings()).get(dan)).toEqual(["2026-01-15"]);
  });

  it("warns again on a later date once the user kept the streak going", async () => {
    const ada = await user("UTC", 5, "2026-01-14");
    expect(await scan("2026-01-15T20:00:00Z")).toBe(1);
    await db()
      .update(userProgress)
      .set({ streak: 6, lastActiveDate: "2026-01-15" })
      .where(eq(userProgress.userId, ada));
    expect(await scan("2026-01-15T22:00:00Z")).toBe(0);
    expect(await scan("2026-01-16T20:00:00Z")).toBe(1);
    expect((await warnings()).get(ada)).toEqual(["2026-01-15", "2026-01-16"]);
  });

  it("survives a restart: a new pool on the same database does not repeat a warning", async () => {
    const ada = await user("UTC", 5, "2026-01-14");
    expect(await scan("2026-01-15T20:00:00Z")).toBe(1);
    const restarted = await open();
    try {
      expect(
        await scanStreaksAtRisk({ db: restarted.db, hour: HOUR }, new Date("2026-01-15T20:05:00Z")),
      ).toBe(0);
    } finally {
      await restarted.close();
    }
    expect((await warnings()).get(ada)).toEqual(["2026-01-15"]);
  });

  it("two replicas scanning at once warn each user once", async () => {
    const users = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        user(i % 2 ? "UTC" : "Europe/London", i + 1, "2026-01-14"),
      ),
    );
    const at = "2026-01-15T20:10:00Z";
    const counts = await Promise.all(
      Array.from({ length: 6 }, (_, i) => scan(at, i % 2 === 0 ? 0 : 1)),
    );
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(users.length);
    const warned = await warnings();
    expect([...warned.keys()].sort()).toEqual([...users].sort());
    for (const dates of warned.values()) expect(dates).toEqual(["2026-01-15"]);
  });
});

describe("the scheduler", () => {
  it("scans on its interval with the injected clock; two replicas warn once", async () => {
    const ada = await user("Asia/Tokyo", 3, "2026-01-14");
    const now = () => new Date("2026-01-15T11:15:00Z"); // 20:15 in Tokyo
    const tasks = replicas.map((replica) =>
      startStreakRiskScheduler({ db: replica.db, log, hour: HOUR, intervalMs: 20, now }),
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 400));
    } finally {
      await Promise.all(tasks.map((task) => task.stop()));
    }
    expect(await warnings()).toEqual(new Map([[ada, ["2026-01-15"]]]));
    const [row] = await db().select().from(userProgress).where(eq(userProgress.userId, ada));
    expect(row?.atRiskAnnouncedDate).toBe("2026-01-15");
  });
});
