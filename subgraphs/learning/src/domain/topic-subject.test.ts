import { describe, expect, it } from "vitest";
import { findSubjectParent, subjectKey } from "./topic-subject.ts";

describe("subjectKey", () => {
  it.each([
    ["Photosynthesis", "photosynthesis"],
    ["  photosynthesis. ", "photosynthesis"],
    ["The French Revolution", "french revolution"],
    ["Rocks", "rock"],
    ["Rock types", "rock type"],
    ["Mitochondria", "mitochondria"],
    ["Analysis", "analysis"],
    ["Bus", "bus"],
    ["Glass", "glass"],
    ["Theories of Mind", "theory of mind"],
    ["Café Culture", "cafe culture"],
    ["TCP/IP", "tcp ip"],
    ["!!!", ""],
  ])("%s → %s", (name, key) => {
    expect(subjectKey(name)).toBe(key);
  });
});

describe("findSubjectParent", () => {
  const topic = (name: string, day: number) => ({ name, createdAt: new Date(2025, 0, day) });
  const existing = [topic("Photosynthesis", 3), topic("Rocks", 2), topic("photosynthesis", 1)];

  it.each([
    ["the oldest topic of the same subject", "The Photosynthesis", existing[2]],
    ["a plural/singular match", "Rock", existing[1]],
    ["nothing for another subject", "Plant biology", undefined],
    ["nothing for a name without letters", "???", undefined],
  ])("finds %s", (_, name, parent) => {
    expect(findSubjectParent(name, existing)).toBe(parent);
  });
});
