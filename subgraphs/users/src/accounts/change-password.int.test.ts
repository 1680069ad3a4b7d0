import { errorCode, graphqlFailure } from "@kai/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AccountsHarness, startAccountsHarness } from "../testing/accounts-harness.ts";
import type { Account } from "../testing/users-harness.ts";

let harness: AccountsHarness;

beforeAll(async () => {
  harness = await startAccountsHarness({ LOGIN_MAX_FAILURES: "3" });
});

afterAll(() => harness?.dispose());

const NEW_PASSWORD = "a much better passphrase";

const change = (account: Account, currentPassword: string, newPassword: string) =>
  account.client
    .request<{ changePassword: boolean }>(
      "mutation ($input: ChangePasswordInput!) { changePassword(input: $input) }",
      { input: { currentPassword, newPassword } },
    )
    .then((data) => data.changePassword);

describe("changePassword", () => {
  it("sets the password, keeps this session, ends the others and mails that it changed", async () => {
    const ada = await harness.register("Ada");
    const otherDevice = await harness.login(ada.email, ada.password);

    expect(await change(ada, ada.password, NEW_PASSWORD)).toBe(true);

    expect((await harness.refresh(ada.refreshToken)).user.id).toBe(ada.user.id);
    expect(await errorCode(harness.refresh(otherDevice.refreshToken))).toBe("UNAUTHENTICATED");
    expect(await errorCode(harness.login(ada.email, ada.password))).toBe("UNAUTHENTICATED");
    expect((await harness.login(ada.email, NEW_PASSWORD)).user.id).toBe(ada.user.id);
    const mail = await harness.mailTo(ada.email, /password was changed/i);
    expect(mail.text).toContain("Hi Ada");
  });

  it.each([
    { what: "a wrong current password", current: "not my password", field: "currentPassword" },
    { what: "a weak new password", next: "qwertyuiop", field: "newPassword" },
    { what: "a short new password", next: "short", field: "newPassword" },
    { what: "a new password over 128 characters", next: "x1".repeat(65), field: "newPassword" },
    { what: "the current password again", next: "SAME", field: "newPassword" },
  ])("refuses $what with BAD_USER_INPUT on $field, writing and mailing nothing", async (bad) => {
    const bo = await harness.register("Bo");
    const otherDevice = await harness.login(bo.email, bo.password);
    const before = await harness.stateOf(bo.user.id, bo.email);
    const next = bad.next === "SAME" ? bo.password : (bad.next ?? NEW_PASSWORD);

    const failure = await graphqlFailure(change(bo, bad.current ?? bo.password, next));
    expect(failure).toMatchObject({ code: "BAD_USER_INPUT", extensions: { field: bad.field } });
    expect(await harness.stateOf(bo.user.id, bo.email)).toEqual(before);
    expect((await harness.refresh(otherDevice.refreshToken)).user.id).toBe(bo.user.id);
  });

  it("counts wrong current passwords as failed sign-ins: RATE_LIMITED after the limit", async () => {
    const cy = await harness.register("Cy");
    for (let i = 0; i < 3; i++) {
      expect(await errorCode(change(cy, "not my password", NEW_PASSWORD))).toBe("BAD_USER_INPUT");
    }
    expect(await errorCode(change(cy, cy.password, NEW_PASSWORD))).toBe("RATE_LIMITED");
    expect(await errorCode(harness.login(cy.email, cy.password))).toBe("RATE_LIMITED");
  });

  it("needs a signed-in user", async () => {
    const failure = await graphqlFailure(
      harness
        .client()
        .request('mutation { changePassword(input: { currentPassword: "a", newPassword: "b" }) }'),
    );
    expect(failure.code).toBe("UNAUTHENTICATED");
  });
});
