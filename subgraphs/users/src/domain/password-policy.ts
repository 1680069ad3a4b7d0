import { z } from "zod";

/** NIST SP 800-63B asks for at least 8; 10 keeps the cheapest guesses out for little cost. */
export const MIN_PASSWORD_LENGTH = 10;
/** Checked before hashing, so a megabyte "password" costs nothing (argon2 would take it). */
export const MAX_PASSWORD_LENGTH = 128;

/**
 * The most used passwords that are long enough to pass the length rule (from public breach
 * lists), lower-cased. Small on purpose: a breached-password service would be the next step.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  "1234567890",
  "12345678910",
  "123456789a",
  "0123456789",
  "0987654321",
  "1q2w3e4r5t",
  "1q2w3e4r5t6y",
  "qwertyuiop",
  "qwerty1234",
  "qwerty12345",
  "qwerty123456",
  "1qaz2wsx3edc",
  "asdfghjkl1",
  "zaq12wsxcde3",
  "password12",
  "password123",
  "password1234",
  "password12345",
  "passw0rd123",
  "iloveyou12",
  "iloveyou123",
  "letmein123",
  "welcome123",
  "administrator",
  "abcdefghij",
  "abc1234567",
  "football123",
  "baseball123",
  "princess123",
  "sunshine123",
  "changeme123",
  "correcthorsebatterystaple",
]);

/** One character over and over, or a pattern the list above stands for. */
const isWeak = (password: string): boolean => {
  const lower = password.toLowerCase();
  return COMMON_PASSWORDS.has(lower) || new Set(lower).size <= 2;
};

/**
 * The one password rule, for every place a password is chosen (register, resetPassword,
 * changePassword). Signing in does not apply it: older passwords keep working.
 */
export const newPassword = z
  .string()
  .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`)
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .refine((password) => !isWeak(password), "is too easy to guess; choose a less common one");
