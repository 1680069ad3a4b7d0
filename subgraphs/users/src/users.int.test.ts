import { errorCode } from "@kai/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUsersHarness, type UsersHarness } from "./testing/users-harness.ts";

let harness: UsersHarness;

beforeAll(async () => {
  harness = await startUsersHarness();
});

afterAll(() => harness?.dispose());

describe("users subgraph", () => {
  it("registers and answers me with the issued token", async () => {
    const ada = await harness.register("Ada");
    const { me } = await ada.client.request<{ me: { id: string; email: string } }>(
      "{ me { id email } }",
    );
    expect(me).toEqual({ id: ada.user.id, email: ada.email });
  });

  it("stores the email lower-cased", async () => {
    const { register } = await harness
      .client()
      .request<{ register: { user: { email: string } } }>(
        `mutation ($input: RegisterInput!) { register(input: $input) { user { email } } }`,
        { input: { email: "Bo@Example.com", password: "correct horse", name: "Bo" } },
      );
    expect(register.user.email).toBe("bo@example.com");
  });

  it("refuses me without a token", async () => {
    expect(await errorCode(harness.client().request("{ me { id } }"))).toBe("UNAUTHENTICATED");
  });
});
