import { randomUUID } from "node:crypto";
import { buildEvent, type EventData, type EventType, purgeUserEvents } from "@kai/events";
import { errorCode } from "@kai/runtime/testing";
import { eq } from "drizzle-orm";
import { connect } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { facts, registrations } from "./db/schema.ts";
import { type AnalyticsHarness, startAnalyticsHarness } from "./testing/analytics-harness.ts";

// A Wednesday. Paris is UTC+1 in March 2026 (summer time starts on the 29th).
const NOW = new Date("2026-03-11T12:00:00Z");
const at = (iso: string) => new Date(iso);

const ada = randomUUID(); // registers last week, captures, reviews; comes back this week
const bob = randomUUID(); // registers last week, never does anything
const cyd = randomUUID(); // registers late on the 10th (UTC), the 11th in Paris
const [c1, c2, c3] = [randomUUID(), randomUUID(), randomUUID()];
const [t1, t3] = [randomUUID(), randomUUID()];

const processed = (captureId: string, topicId: string | null, aiCost: number) => ({
  captureId,
  status: topicId ? ("PROCESSED" as const) : ("FAILED" as const),
  topicId,
  flashcardCount: topicId ? 3 : 0,
  reason: topicId ? null : "too short",
  aiCost,
});
const review = (topicId: string) => ({
  flashcardId: randomUUID(),
  topicId,
  quality: 4,
  repetitions: 1,
  interval: 1,
  easeFactor: 2.5,
  nextReview: "2026-03-20T00:00:00Z",
});
const capture = (captureId: string) => ({
  captureId,
  type: "TEXT" as const,
  content: "Photosynthesis turns light into sugar.",
  source: null,
  tags: [],
});
const created = { email: "x@example.com", name: "X", timezone: "UTC", role: "USER" as const };

/** The scripted activity, in the order it happened. */
const SCRIPT: [EventType, string, EventData<EventType>, string][] = [
  ["users.user_created", ada, created, "2026-03-03T10:00:00Z"],
  ["users.user_created", bob, created, "2026-03-03T11:00:00Z"],
  ["captures.capture_created", ada, capture(c1), "2026-03-03T10:05:00Z"],
  ["learning.capture_processed", ada, processed(c1, t1, 0.25), "2026-03-03T10:06:00Z"],
  ["learning.flashcard_reviewed", ada, review(t1), "2026-03-03T10:10:00Z"],
  ["learning.flashcard_reviewed", ada, review(t1), "2026-03-03T10:11:00Z"],
  ["learning.flashcard_reviewed", ada, review(t1), "2026-03-10T09:00:00Z"],
  ["users.user_created", cyd, created, "2026-03-10T23:30:00Z"],
  ["captures.capture_created", cyd, capture(c2), "2026-03-10T23:40:00Z"],
  ["learning.capture_processed", cyd, processed(c2, null, 0.125), "2026-03-10T23:45:00Z"],
  ["captures.capture_created", cyd, capture(c3), "2026-03-11T08:00:00Z"],
  ["learning.capture_processed", cyd, processed(c3, t3, 0.5), "2026-03-11T08:01:00Z"],
  ["learning.topic_completed", cyd, { topicId: t3 }, "2026-03-11T09:00:00Z"],
];

const QUERY = `query ($from: String!, $to: String!, $tz: String, $weeks: Int) {
  analytics {
    kpis(from: $from, to: $to, timeZone: $tz) {
      from to timeZone activeUsers newUsers reviews capturesProcessed topicsCompleted aiCost
    }
    daily(from: $from, to: $to, timeZone: $tz) {
      date activeUsers newUsers reviews capturesProcessed topicsCompleted aiCost
    }
    retention(cohortWeeks: $weeks, timeZone: $tz) { weekStart users weeks { week activeUsers rate } }
    funnel(from: $from, to: $to, timeZone: $tz) {
      registered captured processed reviewed captures { created processed reviewed }
    }
  }
}`;

type Answer = { analytics: Record<string, unknown> };

let harness: AnalyticsHarness;
const ask = async (variables: Record<string, unknown>) =>
  (await (await harness.client("ANALYST")).request<Answer>(QUERY, variables)).analytics;

const day = (date: string, counts: Partial<Record<string, number>> = {}) => ({
  date,
  activeUsers: 0,
  newUsers: 0,
  reviews: 0,
  capturesProcessed: 0,
  topicsCompleted: 0,
  aiCost: 0,
  ...counts,
});

beforeAll(async () => {
  harness = await startAnalyticsHarness(NOW);
  for (const [type, userId, data, occurredAt] of SCRIPT) {
    const event = buildEvent(type, userId, data, at(occurredAt));
    await harness.apply(event);
    // A redelivery past JetStream's deduplication: applied once all the same.
    if (type === "learning.flashcard_reviewed") await harness.apply(event, randomUUID());
  }
});
afterAll(async () => {
  await harness?.dispose();
});

const UTC_WEEK = { from: "2026-03-09", to: "2026-03-11", tz: "UTC", weeks: 2 };

const UTC_ANSWER = {
  kpis: {
    from: "2026-03-09",
    to: "2026-03-11",
    timeZone: "UTC",
    activeUsers: 2,
    newUsers: 1,
    reviews: 1,
    capturesProcessed: 1,
    topicsCompleted: 1,
    aiCost: 0.625,
  },
  daily: [
    day("2026-03-09"),
    day("2026-03-10", { activeUsers: 2, newUsers: 1, reviews: 1, aiCost: 0.125 }),
    day("2026-03-11", { activeUsers: 1, capturesProcessed: 1, topicsCompleted: 1, aiCost: 0.5 }),
  ],
  retention: [
    { weekStart: "2026-03-09", users: 1, weeks: [{ week: 0, activeUsers: 1, rate: 1 }] },
    {
      weekStart: "2026-03-02",
      users: 2,
      weeks: [
        { week: 0, activeUsers: 1, rate: 0.5 },
        { week: 1, activeUsers: 1, rate: 0.5 },
      ],
    },
  ],
  funnel: {
    registered: 1,
    captured: 1,
    processed: 1,
    reviewed: 0,
    captures: { created: 2, processed: 1, reviewed: 0 },
  },
};

describe("analytics over a scripted fortnight", () => {
  it("counts each UTC day, the range, the cohorts and the funnel exactly", async () => {
    expect(await ask(UTC_WEEK)).toEqual(UTC_ANSWER);
  });

  it("counts the days of another time zone when asked", async () => {
    const paris = await ask({ ...UTC_WEEK, tz: "Europe/Paris" });
    expect(paris.daily).toEqual([
      day("2026-03-09"),
      day("2026-03-10", { activeUsers: 1, reviews: 1 }),
      day("2026-03-11", {
        activeUsers: 1,
        newUsers: 1,
        capturesProcessed: 1,
        topicsCompleted: 1,
        aiCost: 0.625,
      }),
    ]);
  });

  it("follows the funnel from registration to a reviewed card of one's own capture", async () => {
    const lastWeek = await ask({ from: "2026-03-02", to: "2026-03-08", tz: "UTC", weeks: 1 });
    expect(lastWeek.funnel).toEqual({
      registered: 2,
      captured: 1,
      processed: 1,
      reviewed: 1,
      captures: { created: 1, processed: 1, reviewed: 1 },
    });
    expect(lastWeek.kpis).toMatchObject({ activeUsers: 1, newUsers: 2, reviews: 2, aiCost: 0.25 });
  });

  it("answers FORBIDDEN to plain users and UNAUTHENTICATED to anonymous callers", async () => {
    const query = '{ analytics { kpis(from: "2026-03-01", to: "2026-03-02") { reviews } } }';
    expect(await errorCode((await harness.client("USER")).request(query))).toBe("FORBIDDEN");
    expect(await errorCode((await harness.client()).request(query))).toBe("UNAUTHENTICATED");
    const admin = await harness.client("ADMIN");
    expect(await admin.request(query)).toEqual({ analytics: { kpis: { reviews: 0 } } });
  });

  it.each([
    [{ ...UTC_WEEK, from: "2026-03-12" }, "from"],
    [{ ...UTC_WEEK, from: "2025-03-09" }, "to"],
    [{ ...UTC_WEEK, from: "09/03/2026" }, "from"],
    [{ ...UTC_WEEK, tz: "Mars/Olympus_Mons" }, "timeZone"],
    [{ ...UTC_WEEK, weeks: 0 }, "cohortWeeks"],
    [{ ...UTC_WEEK, weeks: 27 }, "cohortWeeks"],
  ])("refuses bad arguments with BAD_USER_INPUT (%o)", async (variables, field) => {
    const client = await harness.client("ANALYST");
    const failure = await client.request(QUERY, variables).catch((error: unknown) => error);
    expect(JSON.stringify(failure)).toContain('"code":"BAD_USER_INPUT"');
    expect(JSON.stringify(failure)).toContain(`"field":"${field}"`);
  });
});

/** UTC_ANSWER once ada's account is gone: her review of the 10th and her cohort place go too. */
const WITHOUT_ADA = {
  ...UTC_ANSWER,
  kpis: { ...UTC_ANSWER.kpis, activeUsers: 1, reviews: 0 },
  daily: [
    day("2026-03-09"),
    day("2026-03-10", { activeUsers: 1, newUsers: 1, aiCost: 0.125 }),
    day("2026-03-11", { activeUsers: 1, capturesProcessed: 1, topicsCompleted: 1, aiCost: 0.5 }),
  ],
  retention: [
    UTC_ANSWER.retention[0],
    {
      weekStart: "2026-03-02",
      users: 1,
      weeks: [
        { week: 0, activeUsers: 0, rate: 0 },
        { week: 1, activeUsers: 0, rate: 0 },
      ],
    },
  ],
};

/** What users, captures and learning do once they have erased the account. */
async function purgeStreamsOf(userId: string): Promise<number> {
  const nc = await connect({ servers: harness.nats.url });
  try {
    const jsm = await nc.jetstreamManager();
    const purged = await Promise.all(
      ["users", "captures", "learning"].map((owner) => purgeUserEvents(jsm, owner, userId)),
    );
    return purged.reduce((sum, count) => sum + count, 0);
  } finally {
    await nc.drain();
  }
}

describe("a deleted account", () => {
  it("leaves the counts with everything of theirs", async () => {
    await harness.apply(buildEvent("users.user_deleted", ada, {}, at("2026-03-11T10:00:00Z")));
    const { db } = harness.subgraph().deps;
    const rows = await Promise.all([
      db.select().from(facts).where(eq(facts.userId, ada)),
      db.select().from(registrations).where(eq(registrations.userId, ada)),
    ]);
    expect(rows).toEqual([[], []]);
    expect(await ask(UTC_WEEK)).toEqual(WITHOUT_ADA);
    const lastWeek = await ask({ from: "2026-03-02", to: "2026-03-08", tz: "UTC", weeks: 1 });
    expect(lastWeek.funnel).toEqual({
      registered: 1,
      captured: 0,
      processed: 0,
      reviewed: 0,
      captures: { created: 0, processed: 0, reviewed: 0 },
    });
    expect(lastWeek.kpis).toMatchObject({ activeUsers: 0, newUsers: 1, reviews: 0, aiCost: 0 });
  });
});

describe("rebuilding from the streams", () => {
  it("gives the live numbers once the deleted account's events are purged, even after the read model was lost", async () => {
    const before = await ask({ from: "2026-03-01", to: "2026-03-11", tz: "UTC", weeks: 3 });
    // Her sign-up, capture, its processing and three reviews, each review also published twice.
    expect(await purgeStreamsOf(ada)).toBe(9);
    await harness.subgraph().deps.db.delete(facts);
    await harness.rebuild();
    expect(await ask({ from: "2026-03-01", to: "2026-03-11", tz: "UTC", weeks: 3 })).toEqual(
      before,
    );
    expect(await ask(UTC_WEEK)).toEqual(WITHOUT_ADA);
  });
});
