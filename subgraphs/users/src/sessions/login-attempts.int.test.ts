import { errorCode, graphqlFailure } from "@kai/runtime/testing";
import { waitFor } from "@kai/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUsersHarness, type UsersHarness } from "../testing/users-harness.ts";

const WINDOW_SECONDS = 2;
let harness: UsersHarness;

beforeAll(async () => {
  harness = await startUsersHarness({
    LOGIN_MAX_FAILURES: "3",
    LOGIN_WINDOW_SECONDS: String(WINDOW_SECONDS),
  });
});

afterAll(() => harness?.dispose());

const wrongPassword = (email: string) => errorCode(harness.login(email, "wrong password"));

describe("sign-in attempts", () => {
  it("are refused with RATE_LIMITED after the limit of failures, even with the right password", async () => {
    const ada = await harness.register("Ada");
    for (let i = 0; i < 3; i++) expect(await wrongPassword(ada.email)).toBe("UNAUTHENTICATED");
    const locked = await graphqlFailure(harness.login(ada.email, ada.password));
    expect(locked.code).toBe("RATE_LIMITED");
    expect(locked.message).toMatch(/try again in [12] seconds/);
  });

  it("are limited per email: another account still signs in", async () => {
    const [ada, bo] = await Promise.all([harness.register("Ada"), harness.register("Bo")]);
    for (let i = 0; i < 3; i++) await wrongPassword(ada.email);
    expect((await harness.login(bo.email, bo.password)).user.id).toBe(bo.user.id);
  });

  it("count unknown emails too, so guessing accounts is limited alike", async () => {
    const nobody = `nobody-${Date.now()}@example.com`;
    for (let i = 0; i < 3; i++) expect(await wrongPassword(nobody)).toBe("UNAUTHENTICATED");
    expect(await wrongPassword(nobody)).toBe("RATE_LIMITED");
  });

  it("are allowed again once the window has passed", async () => {
    const ada = await harness.register("Ada");
    for (let i = 0; i < 3; i++) await wrongPassword(ada.email);
    expect(await errorCode(harness.login(ada.email, ada.password))).toBe("RATE_LIMITED");
    const signedIn = await waitFor(() => harness.login(ada.email, ada.password), {
      timeoutMs: (WINDOW_SECONDS + 3) * 1_000,
      intervalMs: 250,
      what: "the sign-in window to pass",
    });
    expect(signedIn.user.id).toBe(ada.user.id);
  });
});
