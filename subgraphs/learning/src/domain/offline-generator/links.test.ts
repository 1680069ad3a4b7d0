import { describe, expect, it } from "vitest";
import { withoutLinks } from "./links.ts";

describe("withoutLinks", () => {
  it.each([
    ["Plants need light.", "Plants need light."],
    ["TCP (see https://example.com/tcp) is reliable.", "TCP is reliable."],
    ["TCP [www.example.com] is reliable.", "TCP is reliable."],
    ["Full list: https://example.com/codes", undefined],
    ["Mail help@example.com for access.", undefined],
    ["See RFC 793 for the full specification.", undefined],
    ["Click here to learn more.", undefined],
    ["Seeds need water to sprout.", "Seeds need water to sprout."],
  ])("%s", (sentence, expected) => {
    expect(withoutLinks(sentence)).toBe(expected);
  });
});
