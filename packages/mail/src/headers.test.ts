import { describe, expect, it } from "vitest";
import { mailHeadersSchema } from "./headers.ts";
import { unsubscribeHeaders, unsubscribeUrlSchema } from "./unsubscribe.ts";

describe("mail headers", () => {
  it("accepts one-line ASCII fields", () => {
    const headers = { "List-Unsubscribe": "<https://kai.test/u?token=a.b>", "X-Kai": "1" };
    expect(mailHeadersSchema.parse(headers)).toEqual(headers);
  });

  it.each([
    ["a line break that would start another header", { "X-Kai": "a\r\nBcc: eve@example.com" }],
    ["non-ASCII", { "X-Kai": "café" }],
    ["a name with a colon", { "X-Kai:": "1" }],
    ["a name with a space", { "X Kai": "1" }],
    ["a header the relay sets", { Subject: "hijacked" }],
    ["a header the relay sets, in other case", { "message-id": "<x@y>" }],
    ["a value longer than a line should be", { "X-Kai": "x".repeat(901) }],
  ])("refuses %s", (_case, headers) => {
    expect(mailHeadersSchema.safeParse(headers).success).toBe(false);
  });
});

describe("one-click unsubscribe headers (RFC 8058)", () => {
  it("name the HTTPS URI first, then the mailto, and ask for one-click POST", () => {
    expect(
      unsubscribeHeaders({
        url: "https://kai.test/unsubscribe?token=a.b",
        mailto: "mailto:unsubscribe@kai.test?subject=a.b",
      }),
    ).toEqual({
      "List-Unsubscribe":
        "<https://kai.test/unsubscribe?token=a.b>, <mailto:unsubscribe@kai.test?subject=a.b>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
    expect(unsubscribeHeaders({ url: "https://kai.test/u" })).toEqual({
      "List-Unsubscribe": "<https://kai.test/u>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });

  it.each([
    ["https://kai.test/unsubscribe?token=x", "https://kai.test/unsubscribe?token=x"],
    ["http://localhost:4005/unsubscribe", "http://localhost:4005/unsubscribe"],
    ["https://kai.test/a b<c>", "https://kai.test/a%20b%3Cc%3E"],
  ])("the URI %s goes out as %s", (url, sent) => {
    expect(unsubscribeUrlSchema.parse(url)).toBe(sent);
  });

  it.each(["http://kai.test/unsubscribe", "mailto:unsubscribe@kai.test", "javascript:alert(1)"])(
    "refuses %s as the one-click URI: RFC 8058 wants HTTPS",
    (url) => {
      expect(unsubscribeUrlSchema.safeParse(url).success).toBe(false);
    },
  );
});
