import { describe, expect, it } from "vitest";
import { MAX_SECTIONS, offlineSyllabus } from "./syllabus.ts";

describe("offlineSyllabus", () => {
  it("orders terms, sub-topics, facts and a review", () => {
    const outline = offlineSyllabus({
      topicName: "Photosynthesis",
      subtopics: ["Calvin cycle"],
      cards: [
        { front: "What is photosynthesis?", back: "Turning light into sugar." },
        { front: "What does autotroph mean?", back: "Makes its own food." },
        { front: "Chlorophyll absorbs _____ light most strongly.", back: "Red and blue" },
        { front: "Name the products of photosynthesis", back: "Glucose and oxygen" },
      ],
    });
    expect(outline.sections).toEqual([
      {
        title: "Key terms of Photosynthesis",
        goals: ["Explain what photosynthesis is", "Explain what autotroph means"],
      },
      { title: "Calvin cycle", goals: ["Recall the key facts of Calvin cycle"] },
      {
        title: "Key facts",
        goals: [
          "Recall: Chlorophyll absorbs Red and blue light most strongly.",
          "Name the products of photosynthesis",
        ],
      },
      {
        title: "Review and apply",
        goals: [
          "Explain Photosynthesis in your own words",
          "Review the flashcards until each one is recalled easily",
        ],
      },
    ]);
  });

  it("gives an empty topic a generic outline", () => {
    const outline = offlineSyllabus({ topicName: "Tides", cards: [], subtopics: [] });
    expect(outline.sections.map((section) => section.title)).toEqual([
      "Overview",
      "Key terms",
      "Review and apply",
    ]);
  });

  it("stays within the limits with many sub-topics and cards", () => {
    const outline = offlineSyllabus({
      topicName: "Big",
      subtopics: Array.from({ length: 20 }, (_, i) => `Part ${i}`),
      cards: Array.from({ length: 20 }, (_, i) => ({ front: `What is thing ${i}?`, back: "It." })),
    });
    expect(outline.sections.length).toBeLessThanOrEqual(MAX_SECTIONS);
    expect(outline.sections[0]?.title).toBe("Key terms of Big");
    expect(outline.sections.at(-1)?.title).toBe("Review and apply");
    expect(outline.sections.every((section) => section.goals.length <= 5)).toBe(true);
  });

  it("is deterministic", () => {
    const material = { topicName: "X", cards: [{ front: "What is X?", back: "Y" }], subtopics: [] };
    expect(offlineSyllabus(material)).toEqual(offlineSyllabus(material));
  });
});
