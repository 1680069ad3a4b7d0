import { errorCode, startTestSubgraph } from "@kai/runtime/testing";
import { gql } from "graphql-request";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notificationsSubgraph } from "./app.ts";
import { loadNotificationsEnv } from "./env.ts";

let harness: Awaited<ReturnType<typeof startHarness>>;
const startHarness = () =>
  startTestSubgraph((env) => notificationsSubgraph(env), { loadEnv: loadNotificationsEnv });

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness?.dispose());

const UNREAD = gql`
  query ($id: ID!) {
    _entities(representations: [{ __typename: "User", id: $id }]) {
      ... on User {
        unreadNotificationCount
      }
    }
  }
`;

describe("the notifications subgraph", () => {
  it("answers /health and /ready", async () => {
    const base = harness.subgraph.url.replace(/\/graphql$/, "");
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
  });

  it("counts no unread notifications for a new user, and hides another user's count", async () => {
    const ada = await harness.signIn();
    const bob = await harness.signIn();
    const mine = await ada.client.request<{ _entities: { unreadNotificationCount: number }[] }>(
      UNREAD,
      { id: ada.userId },
    );
    expect(mine._entities[0]?.unreadNotificationCount).toBe(0);
    expect(await errorCode(ada.client.request(UNREAD, { id: bob.userId }))).toBe("NOT_FOUND");
  });
});
