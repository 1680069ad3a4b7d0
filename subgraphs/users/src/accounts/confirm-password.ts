import { badUserInput, rateLimited } from "@kai/errors";
import type { AttemptLimiter } from "@kai/redis";
import type { UserRow } from "../db/schema.ts";
import { verifyPassword } from "../domain/password.ts";

/**
 * Checks the password a signed-in user typed again to confirm a grave step (deleting the
 * account). A wrong one is a password guess like a failed sign-in, so it counts against the
 * same per-email limit: a stolen access token gives no faster way to find the password. It is
 * BAD_USER_INPUT naming `field`, not UNAUTHENTICATED, which would mean the access token failed.
 */
export async function confirmPassword(
  loginAttempts: AttemptLimiter,
  user: UserRow,
  password: string,
  field: string,
): Promise<void> {
  const wait = await loginAttempts.blockedFor(user.email);
  if (wait > 0) throw rateLimited(`Too many wrong passwords; try again in ${wait} seconds`, wait);
  if (!user.passwordHash) {
    throw badUserInput("This account has no password yet: set one with a password reset", field);
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await loginAttempts.recordFailure(user.email);
    throw badUserInput("The password is wrong", field);
  }
}
