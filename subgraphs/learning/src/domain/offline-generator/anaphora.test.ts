import { describe, expect, it } from "vitest";
import { type Antecedent, opensWith, resolveAnaphora } from "./anaphora.ts";

const MITOCHONDRIA: Antecedent = { term: "mitochondria", plural: true };
const MAGNA_CARTA: Antecedent = { term: "the Magna Carta", plural: false };
const TCP: Antecedent = { term: "TCP (Transmission Control Protocol)", plural: false };

describe("resolveAnaphora", () => {
  it.each<[string, Antecedent | undefined, string | undefined]>([
    // A pronoun naming the antecedent is replaced by it.
    [
      "They are called the powerhouse of the cell.",
      MITOCHONDRIA,
      "Mitochondria are called the powerhouse of the cell.",
    ],
    [
      "It limited the power of the king.",
      MAGNA_CARTA,
      "The Magna Carta limited the power of the king.",
    ],
    ["It guarantees ordered delivery.", TCP, "TCP guarantees ordered delivery."],
    [
      "These are found in almost every cell.",
      MITOCHONDRIA,
      "Mitochondria are found in almost every cell.",
    ],
    [
      "This was sealed at Runnymede in 1215.",
      MAGNA_CARTA,
      "The Magna Carta was sealed at Runnymede in 1215.",
    ],
    ["Their DNA comes from the mother.", MITOCHONDRIA, "Mitochondria's DNA comes from the mother."],
    ["Its clauses limited the king.", MAGNA_CARTA, "The Magna Carta's clauses limited the king."],
    // A demonstrative with the antecedent's own noun names it too.
    [
      "This charter limited the king.",
      { term: "the charter", plural: false },
      "The charter limited the king.",
    ],
    // Unresolvable pronouns make the sentence unusable.
    ["They are called the powerhouse of the cell.", undefined, undefined],
    ["It limited the power of the king.", MITOCHONDRIA, undefined],
    ["They are usually resolved by chaining.", MAGNA_CARTA, undefined],
    ["It is important to note that cells divide.", MAGNA_CARTA, undefined],
    ["It takes eight minutes for light to reach Earth.", MAGNA_CARTA, undefined],
    ["It's the basis of English law.", MAGNA_CARTA, undefined],
    ["This is why leaves look green.", MAGNA_CARTA, undefined],
    ["This means that the request failed.", MAGNA_CARTA, undefined],
    ["That led to the First Barons' War.", MAGNA_CARTA, undefined],
    // Sentences that do not lean on a pronoun pass through unchanged.
    [
      "It takes place in the chloroplasts.",
      { term: "photosynthesis", plural: false },
      "Photosynthesis takes place in the chloroplasts.",
    ],
    ["This energy is stored in ATP.", MITOCHONDRIA, "This energy is stored in ATP."],
    [
      "These conquests brought wealth to Rome.",
      undefined,
      "These conquests brought wealth to Rome.",
    ],
    ["Itineraries change often in summer.", undefined, "Itineraries change often in summer."],
    [
      "Cells contain thousands of mitochondria.",
      MITOCHONDRIA,
      "Cells contain thousands of mitochondria.",
    ],
  ])("%s (%o) → %s", (sentence, antecedent, expected) => {
    expect(resolveAnaphora(sentence, antecedent)).toBe(expected);
  });
});

describe("opensWith", () => {
  it.each([
    ["Mitochondria have their own DNA.", "mitochondria", true],
    ["The French Revolution ended in 1799.", "the French Revolution", true],
    ["TCP retransmits lost segments.", "TCP (Transmission Control Protocol)", true],
    ["The mitochondrion has its own DNA.", "mitochondria", false],
    ["Cells contain mitochondria.", "mitochondria", false],
  ])("%s opens with %s: %s", (sentence, term, expected) => {
    expect(opensWith(sentence, term)).toBe(expected);
  });
});
