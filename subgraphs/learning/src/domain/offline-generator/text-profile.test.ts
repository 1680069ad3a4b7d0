import { describe, expect, it } from "vitest";
import { profileText } from "./text-profile.ts";

describe("profileText", () => {
  it("keeps distinct prose sentences without links or markup", () => {
    const text = [
      "# Plants",
      "",
      "Plants make **sugar** from light. Plants make sugar from light!",
      "Read more at https://example.com/plants. Light drives the whole process.",
      "- ok",
    ].join("\n");
    expect(profileText(text).sentences).toEqual([
      "Plants make sugar from light.",
      "Light drives the whole process.",
    ]);
  });

  it("counts keywords across sentences, folding plurals", () => {
    const { frequency } = profileText("The plant needs light. Plants store the light as sugar.");
    expect(frequency.get("plant")).toBe(2);
    expect(frequency.get("light")).toBe(2);
    expect(frequency.has("the")).toBe(false);
  });

  it("remembers words capitalised mid-sentence as names", () => {
    const { properNouns } = profileText(
      "Crowds in Paris stormed the Bastille. Revolution followed soon after that.",
    );
    expect([...properNouns].sort()).toEqual(["bastille", "paris"]);
  });
});
