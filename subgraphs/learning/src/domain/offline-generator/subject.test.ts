import { describe, expect, it } from "vitest";
import { subjectTerm } from "./subject.ts";

const NO_NAMES: ReadonlySet<string> = new Set();

describe("subjectTerm", () => {
  it.each([
    ["Photosynthesis", NO_NAMES, "photosynthesis"],
    ["The French Revolution", NO_NAMES, "the French Revolution"],
    ["A mortgage", NO_NAMES, "a mortgage"],
    ["TCP (Transmission Control Protocol)", NO_NAMES, "TCP (Transmission Control Protocol)"],
    ["HTTP status codes", NO_NAMES, "HTTP status codes"],
    ["2xx codes", NO_NAMES, "2xx codes"],
    ["Paris", new Set(["paris"]), "Paris"],
    ["Mitochondria, the powerhouses of the cell,", NO_NAMES, "mitochondria"],
    ["In biology, photosynthesis", NO_NAMES, "photosynthesis"],
    ['The term "compound interest"', NO_NAMES, "compound interest"],
    ["The speed of light", NO_NAMES, "the speed of light"],
    ["It", NO_NAMES, undefined],
    ["This", NO_NAMES, undefined],
    ["There", NO_NAMES, undefined],
    ["What happens next", NO_NAMES, undefined],
    ["The result", NO_NAMES, undefined],
    ["The first step", NO_NAMES, undefined],
    ["Each of the seven layers in the model", NO_NAMES, undefined],
    ["The reason photosynthesis matters so much to us", NO_NAMES, undefined],
  ])("%s → %s", (subject, properNouns, expected) => {
    expect(subjectTerm(subject, properNouns)).toBe(expected);
  });
});
