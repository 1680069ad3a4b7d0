import { errorCode, graphqlFailure } from "@kai/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ProgressHarness, startProgressHarness } from "../testing/progress-harness.ts";

// Auckland is UTC+13 in January: its days turn at 11:00 UTC.
const ZONE = "Pacific/Auckland";
let clock = new Date("2026-01-14T21:00:00Z");
let harness: ProgressHarness;

beforeAll(async () => {
  harness = await startProgressHarness({ now: () => clock });
});
afterAll(() => harness?.dispose());

interface Freezes {
  points: number;
  level: number;
  spendablePoints: number;
  streakFreezes: number;
  streakFreezePrice: number;
  streak: number;
  lastActiveDate: string | null;
}
const FIELDS = "points level spendablePoints streakFreezes streakFreezePrice streak lastActiveDate";

async function buy(userId: string): Promise<Freezes> {
  const client = await harness.clientFor(userId);
  const { buyStreakFreeze } = await client.request<{ buyStreakFreeze: Freezes }>(
    `mutation { buyStreakFreeze { ${FIELDS} } }`,
  );
  return buyStreakFreeze;
}

async function progressOf(userId: string): Promise<Freezes> {
  const client = await harness.clientFor(userId);
  const { _entities } = await client.request<{ _entities: { progress: Freezes }[] }>(
    `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { progress { ${FIELDS} } } } }`,
    { reps: [{ __typename: "User", id: userId }] },
  );
  return (_entities[0] as { progress: Freezes }).progress;
}

/** Completed topics (50 points each) at the clock's time, applied before it returns. */
async function earn(userId: string, topics: number, total: number) {
  for (let i = 0; i < topics; i++) await harness.completed(userId, clock);
  await harness.withPoints(userId, total);
}

describe("streak freezes", () => {
  it("are bought with spendable points, two at most, with clear refusals that change nothing", async () => {
    const ada = await harness.newUser("Ada", ZONE);
    await expect(graphqlFailure(buy(ada))).resolves.toMatchObject({
      code: "FORBIDDEN",
      extensions: { reason: "INSUFFICIENT_POINTS" },
    });
    await earn(ada, 5, 250);
    expect(await buy(ada)).toMatchObject({
      points: 250,
      level: 2,
      spendablePoints: 50,
      streakFreezes: 1,
      streakFreezePrice: 200,
    });
    await expect(graphqlFailure(buy(ada))).resolves.toMatchObject({
      extensions: { reason: "INSUFFICIENT_POINTS" },
    });
    await earn(ada, 8, 650);
    expect(await buy(ada)).toMatchObject({ spendablePoints: 250, streakFreezes: 2 });
    await expect(graphqlFailure(buy(ada))).resolves.toMatchObject({
      code: "FORBIDDEN",
      extensions: { reason: "STREAK_FREEZE_LIMIT" },
    });
    expect(await progressOf(ada)).toMatchObject({
      points: 650,
      spendablePoints: 250,
      streakFreezes: 2,
    });
    expect(await harness.stored(ada)).toMatchObject({ pointsSpent: 400, streakFreezes: 2 });
  });

  it("is used up on a missed day of the user's own calendar, at their midnight, not UTC's", async () => {
    clock = new Date("2026-01-14T21:00:00Z"); // 01-15 10:00 in Auckland
    const bo = await harness.newUser("Bo", ZONE);
    await earn(bo, 4, 200);
    await buy(bo);
    expect(await progressOf(bo)).toMatchObject({
      streak: 1,
      streakFreezes: 1,
      lastActiveDate: "2026-01-15",
    });

    // 01-16 23:30 in Auckland, though two UTC days after the last activity: nothing missed yet.
    clock = new Date("2026-01-16T10:30:00Z");
    expect(await progressOf(bo)).toMatchObject({ streak: 1, streakFreezes: 1 });
    await earn(bo, 1, 250);
    expect(await progressOf(bo)).toMatchObject({
      streak: 2,
      streakFreezes: 1,
      lastActiveDate: "2026-01-16",
    });

    // Then a whole local day (01-17) without activity: at 23:30 it is not over yet…
    clock = new Date("2026-01-17T10:30:00Z");
    expect(await progressOf(bo)).toMatchObject({ streak: 2, streakFreezes: 1 });
    // …and at Auckland's midnight the freeze is spent on it and the streak lives on.
    clock = new Date("2026-01-17T11:30:00Z");
    expect(await progressOf(bo)).toMatchObject({ streak: 2, streakFreezes: 0 });
    await earn(bo, 1, 300);
    expect(await progressOf(bo)).toMatchObject({
      streak: 3,
      streakFreezes: 0,
      lastActiveDate: "2026-01-18",
    });
    expect(await harness.stored(bo)).toMatchObject({
      streak: 3,
      streakFreezes: 0,
      frozenThrough: "2026-01-17",
    });

    // With no freeze left, the next missed day ends the streak.
    clock = new Date("2026-01-19T11:30:00Z"); // 01-20 00:30: 01-19 was missed
    expect(await progressOf(bo)).toMatchObject({ streak: 0, streakFreezes: 0 });
    await earn(bo, 1, 350);
    expect(await progressOf(bo)).toMatchObject({ streak: 1, lastActiveDate: "2026-01-20" });
  });

  it("is not sold twice: one bought after a missed day is not spent on that day again", async () => {
    clock = new Date("2026-01-14T21:00:00Z");
    const cy = await harness.newUser("Cy", ZONE);
    await earn(cy, 8, 400);
    await buy(cy);
    clock = new Date("2026-01-16T11:30:00Z"); // 01-17 00:30: 01-16 missed, one freeze spent
    expect(await buy(cy)).toMatchObject({ streak: 1, streakFreezes: 1, spendablePoints: 0 });
    await earn(cy, 1, 450);
    expect(await progressOf(cy)).toMatchObject({ streak: 2, streakFreezes: 1 });
  });

  it("refuses the anonymous", async () => {
    const anonymous = harness.client();
    await expect(
      errorCode(anonymous.request("mutation { buyStreakFreeze { streakFreezes } }")),
    ).resolves.toBe("UNAUTHENTICATED");
  });
});
