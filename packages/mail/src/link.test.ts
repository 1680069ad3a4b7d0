import { describe, expect, it } from "vitest";
import { appLink } from "./link.ts";

describe("appLink", () => {
  it.each([
    ["http://localhost:3000", "verify-email", "t1", "http://localhost:3000/verify-email?token=t1"],
    ["https://kai.app/", "/reset-password", "t2", "https://kai.app/reset-password?token=t2"],
    ["https://kai.app/web/", "verify-email", "t3", "https://kai.app/web/verify-email?token=t3"],
    [
      "https://kai.app",
      "verify-email",
      "a+b/c=&d",
      "https://kai.app/verify-email?token=a%2Bb%2Fc%3D%26d",
    ],
    ["https://kai.app", "forgot-password", undefined, "https://kai.app/forgot-password"],
  ])("%s + %s + %s → %s", (base, path, token, expected) => {
    expect(appLink(base, path, token)).toBe(expected);
  });
});
