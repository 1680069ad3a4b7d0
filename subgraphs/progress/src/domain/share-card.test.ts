import { describe, expect, it } from "vitest";
import { composeShareCard, type ShareStats } from "./share-card.ts";

const stats: ShareStats = { points: 450, level: 3, streak: 5, longestStreak: 9, achievements: 2 };
const user = { id: "0b7f5a52-1c2d-4e5f-8a9b-0c1d2e3f4a5b", name: "Zoë & Co?" };

describe("composeShareCard", () => {
  it.each([
    {
      name: "a running streak",
      stats,
      text: "Zoë & Co? is on a 5-day learning streak on Kai! Level 3, 450 points and 2 achievements so far.",
    },
    {
      name: "no streak to speak of",
      stats: { ...stats, streak: 1, points: 1, achievements: 1 },
      text: "Zoë & Co? is learning on Kai! Level 3, 1 point and 1 achievement so far.",
    },
    {
      name: "a brand new learner",
      stats: { points: 0, level: 1, streak: 0, longestStreak: 0, achievements: 0 },
      text: "Zoë & Co? is learning on Kai! Level 1, 0 points and 0 achievements so far.",
    },
  ])("writes a friendly text for $name", ({ stats, text }) => {
    const card = composeShareCard(user, stats, "https://kai.app");
    expect(card.text).toBe(text);
    expect(card.stats).toEqual(stats);
  });

  it("links twitter with the text and the profile, encoded", () => {
    const { text, platforms } = composeShareCard(user, stats, "https://kai.app");
    const twitter = new URL(platforms.twitter);
    expect(`${twitter.origin}${twitter.pathname}`).toBe("https://twitter.com/intent/tweet");
    expect(twitter.searchParams.get("text")).toBe(text);
    expect(twitter.searchParams.get("url")).toBe(`https://kai.app/u/${user.id}`);
    expect(platforms.twitter).not.toMatch(/[ &?]Co\?/);
  });

  it("links linkedin's share-offsite page to the profile", () => {
    const { platforms } = composeShareCard(user, stats, "https://example.test/app");
    expect(platforms.linkedin).toBe(
      `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(`https://example.test/app/u/${user.id}`)}`,
    );
  });
});
