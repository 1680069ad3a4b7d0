import { describe, expect, it } from "vitest";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, newPassword } from "./password-policy.ts";

const problem = (password: string) => newPassword.safeParse(password).error?.issues[0]?.message;

describe("newPassword", () => {
  it.each([
    { password: "correct horse battery" },
    { password: "aaaabcdbcd" },
    { password: `${"x".repeat(MIN_PASSWORD_LENGTH - 3)}yz!` },
    { password: `Kai-${"é".repeat(MAX_PASSWORD_LENGTH - 4)}` },
  ])("accepts $password", ({ password }) => {
    expect(problem(password)).toBeUndefined();
  });

  it.each([
    { what: "empty", password: "", message: /at least 10/ },
    { what: "one short of the minimum", password: "abcdefgh1", message: /at least 10/ },
    { what: "one over the maximum", password: `${"a1".repeat(64)}b`, message: /at most 128/ },
    { what: "a megabyte", password: "ab".repeat(500_000), message: /at most 128/ },
    { what: "a common password", password: "password123", message: /too easy/ },
    { what: "a common password in capitals", password: "QWERTYUIOP", message: /too easy/ },
    { what: "one character repeated", password: "aaaaaaaaaaaa", message: /too easy/ },
    { what: "two characters alternating", password: "abababababab", message: /too easy/ },
  ])("refuses $what", ({ password, message }) => {
    expect(problem(password)).toMatch(message);
  });
});
