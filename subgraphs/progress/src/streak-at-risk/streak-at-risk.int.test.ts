import { waitFor } from "@kai/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ProgressHarness, startProgressHarness } from "../testing/progress-harness.ts";

const SCAN_SECONDS = 0.05;
/** 20:30 in UTC, every user's zone here: the evening. */
const NOW = new Date("2026-01-15T20:30:00Z");
let harness: ProgressHarness;

beforeAll(async () => {
  harness = await startProgressHarness({
    now: () => NOW,
    env: { STREAK_AT_RISK_SCAN_INTERVAL_SECONDS: String(SCAN_SECONDS), STREAK_AT_RISK_HOUR: "20" },
  });
});
afterAll(() => harness?.dispose());

/** Long enough for the scheduler to have scanned many times. */
const severalScans = () => new Promise((resolve) => setTimeout(resolve, SCAN_SECONDS * 20_000));

describe("progress as started, with its scheduler and a fixed clock", () => {
  it("publishes progress.streak_at_risk once for a user idle today, never for the active or streakless", async () => {
    const ada = await harness.newUser("Ada");
    const bo = await harness.newUser("Bo");
    const adaWarnings = await harness.events.listen("progress.streak_at_risk", ada);
    const boWarnings = await harness.events.listen("progress.streak_at_risk", bo);

    const cy = await harness.newUser("Cy");
    const cyWarnings = await harness.events.listen("progress.streak_at_risk", cy);

    // Ada was last active yesterday; Bo already today (a streak of 1, safe); Cy never.
    await harness.reviewed(ada, new Date("2026-01-14T18:00:00Z"));
    await harness.reviewed(bo, new Date("2026-01-15T09:00:00Z"));
    await harness.withPoints(bo, 10);

    const [warning] = await waitFor(() => (adaWarnings.length > 0 ? adaWarnings : undefined), {
      what: "Ada's streak warning",
    });
    expect(warning?.data).toEqual({ streak: 1, date: "2026-01-15", timezone: "UTC" });
    expect(warning?.occurredAt).toBe(NOW.toISOString());

    await severalScans();
    expect(adaWarnings).toHaveLength(1);
    expect(boWarnings).toHaveLength(0);
    expect(cyWarnings).toHaveLength(0);
  });
});
