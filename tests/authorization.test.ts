import { randomUUID } from "node:crypto";
import { waitFor } from "@kai/testkit";
import { GraphQLClient } from "graphql-request";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCapture,
  errorCode,
  failure,
  register,
  type Session,
  waitForProcessed,
} from "./support/operations.ts";
import { type Stack, startStack } from "./support/stack.ts";

let stack: Stack;
let owner: Session;
let intruder: Session;
let ids: { capture: string; topic: string; flashcard: string };

beforeAll(async () => {
  stack = await startStack();
  [owner, intruder] = await Promise.all([register(stack, "Owner"), register(stack, "Intruder")]);
  const capture = await waitForProcessed(owner, await createCapture(owner));
  ids = {
    capture: capture.id,
    topic: capture.topic!.id,
    flashcard: capture.topic!.flashcards[0]!.id,
  };
});
afterAll(() => stack?.stop());

describe("another user's ids", () => {
  const probes: [
    string,
    string,
    (ids: { capture: string; topic: string; flashcard: string }) => object,
  ][] = [
    ["reads a capture", "query ($id: ID!) { capture(id: $id) { id } }", (i) => ({ id: i.capture })],
    ["reads a topic", "query ($id: ID!) { topic(id: $id) { id } }", (i) => ({ id: i.topic })],
    [
      "reads a flashcard",
      "query ($id: ID!) { flashcard(id: $id) { id } }",
      (i) => ({ id: i.flashcard }),
    ],
    [
      "reviews a flashcard",
      "mutation ($id: ID!) { reviewFlashcard(input: { flashcardId: $id, quality: 5 }) { id } }",
      (i) => ({ id: i.flashcard }),
    ],
    [
      "completes a topic",
      "mutation ($id: ID!) { completeTopic(topicId: $id) { id } }",
      (i) => ({ id: i.topic }),
    ],
    [
      "adds a card to a topic",
      'mutation ($id: ID!) { createFlashcard(input: { topicId: $id, front: "Q", back: "A" }) { id } }',
      (i) => ({ id: i.topic }),
    ],
    [
      "nests a topic under a topic",
      'mutation ($id: ID!) { createTopic(input: { name: "Mine", parentId: $id }) { id } }',
      (i) => ({ id: i.topic }),
    ],
  ];

  for (const [action, document, variables] of probes) {
    it(`answer NOT_FOUND when the intruder ${action}`, async () => {
      expect(await errorCode(intruder.client.request(document, variables(ids)))).toBe("NOT_FOUND");
    });
  }

  it("answer exactly like ids that do not exist", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    const foreign = await intruder.client
      .request("query ($id: ID!) { capture(id: $id) { id } }", { id: ids.capture })
      .catch(
        (error: { response: { errors: { message: string }[] } }) =>
          error.response.errors[0]?.message,
      );
    const absent = await intruder.client
      .request("query ($id: ID!) { capture(id: $id) { id } }", { id: missing })
      .catch(
        (error: { response: { errors: { message: string }[] } }) =>
          error.response.errors[0]?.message,
      );
    expect(foreign?.toString().replace(ids.capture, "<id>")).toBe(
      absent?.toString().replace(missing, "<id>"),
    );
  });

  it("leave the owner's card untouched", async () => {
    const { flashcard } = await owner.client.request<{ flashcard: { repetitions: number } }>(
      "query ($id: ID!) { flashcard(id: $id) { repetitions } }",
      { id: ids.flashcard },
    );
    expect(flashcard.repetitions).toBe(0);
  });

  it("do not show up in the intruder's own lists", async () => {
    const { me } = await intruder.client.request<{
      me: { captures: { totalCount: number }; topics: unknown[] };
    }>("{ me { captures { totalCount } topics { id } } }");
    expect(me).toEqual({ captures: { totalCount: 0 }, topics: [] });
  });
});

describe("another user's private User fields", () => {
  // The leaderboard is where one user meets another: their name is public, the rest is not.
  beforeAll(async () => {
    await owner.client.request("mutation ($id: ID!) { completeTopic(topicId: $id) { id } }", {
      id: ids.topic,
    });
    await waitFor(
      async () => {
        const { leaderboard } = await intruder.client.request<{
          leaderboard: { user: { id: string } }[];
        }>("{ leaderboard { user { id } } }");
        return leaderboard.some((entry) => entry.user.id === owner.userId) ? true : undefined;
      },
      { timeoutMs: 15_000, what: "the owner on the leaderboard" },
    );
  });

  const privateFields = [
    "email",
    "captures { totalCount }",
    "topics { id }",
    "dueFlashcards { id }",
    "dueCount",
    "aiUsage { calls }",
    "progress { dailyActivity { date } }",
  ];
  for (const field of privateFields) {
    it(`answer NOT_FOUND for the user id: ${field}`, async () => {
      const error = await failure(
        intruder.client.request(`{ leaderboard { user { id ${field} } } }`),
      );
      expect(error).toMatchObject({
        code: "NOT_FOUND",
        message: `User ${owner.userId} was not found`,
      });
    });
  }

  it("leave the public ones readable", async () => {
    const { leaderboard } = await intruder.client.request<{
      leaderboard: { user: { id: string; name: string }; points: number }[];
    }>("{ leaderboard { points user { id name progress { points } } } }");
    expect(leaderboard).toContainEqual({
      points: 50,
      user: { id: owner.userId, name: "Owner", progress: { points: 50 } },
    });
  });

  it("are the user's own to read, from a fresh sign-up on", async () => {
    const email = `self-${randomUUID()}@example.com`;
    const { register } = await stack
      .client()
      .request<{ register: { user: { email: string } } }>(
        "mutation ($input: RegisterInput!) { register(input: $input) { user { email } } }",
        { input: { email, password: "correct horse battery", name: "Self" } },
      );
    expect(register.user.email).toBe(email);
    const { me } = await owner.client.request<{ me: { email: string; dueCount: number } }>(
      "{ me { email dueCount } }",
    );
    expect(me.email).toMatch(/^owner-.+@example\.com$/);
  });
});

describe("authentication", () => {
  it("refuses the gateway without a token", async () => {
    expect(await errorCode(stack.client().request("{ me { id } }"))).toBe("UNAUTHENTICATED");
  });

  it("refuses a forged or garbled token", async () => {
    const forged = `${owner.accessToken.slice(0, -4)}AAAA`;
    expect(await errorCode(stack.client(forged).request("{ me { id } }"))).toBe("UNAUTHENTICATED");
    expect(await errorCode(stack.client("garbage").request("{ me { id } }"))).toBe(
      "UNAUTHENTICATED",
    );
  });

  it("refuses every subgraph called directly without a token", async () => {
    const probes = {
      users: "{ me { id } }",
      captures: "{ captures { totalCount } }",
      learning: "{ topics { id } }",
      progress: "{ leaderboard { rank } }",
    };
    for (const [name, document] of Object.entries(probes)) {
      const direct = new GraphQLClient(stack.subgraphs[name as keyof typeof probes].url);
      expect(await errorCode(direct.request(document)), name).toBe("UNAUTHENTICATED");
      const entities = direct.request(
        `query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }`,
        { r: [{ __typename: "User", id: owner.userId }] },
      );
      expect(await errorCode(entities), `${name} _entities`).toBe("UNAUTHENTICATED");
    }
  });

  it("rotates refresh tokens and revokes the sign-in when a spent one comes back", async () => {
    const refresh = (token: string) =>
      stack
        .client()
        .request<{ refreshToken: { refreshToken: string; accessToken: string } }>(
          "mutation ($token: String!) { refreshToken(token: $token) { accessToken refreshToken } }",
          { token },
        );
    const session = await register(stack, "Rotator");
    const { refreshToken: next } = await refresh(session.refreshToken);
    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect(await errorCode(refresh(session.refreshToken))).toBe("UNAUTHENTICATED");
    expect(await errorCode(refresh(next.refreshToken))).toBe("UNAUTHENTICATED");
  });

  it("locks sign-in for an email after repeated failures, even with the right password", async () => {
    const { me } = await owner.client.request<{ me: { email: string } }>("{ me { email } }");
    const login = (password: string) =>
      stack
        .client()
        .request("mutation ($input: LoginInput!) { login(input: $input) { accessToken } }", {
          input: { email: me.email, password },
        });
    for (let attempt = 0; attempt < 10; attempt++) {
      expect(await errorCode(login(`guess ${attempt}`)), `attempt ${attempt}`).toBe(
        "UNAUTHENTICATED",
      );
    }
    const locked = await failure(login("correct horse battery"));
    expect(locked.code).toBe("RATE_LIMITED");
    expect(locked.message).toMatch(/try again in \d+ seconds/);
  });

  it("logs out: the refresh token stops working", async () => {
    const session = await register(stack, "Leaver");
    const { logout } = await stack
      .client()
      .request<{ logout: boolean }>("mutation ($t: String!) { logout(refreshToken: $t) }", {
        t: session.refreshToken,
      });
    expect(logout).toBe(true);
    expect(
      await errorCode(
        stack
          .client()
          .request("mutation ($t: String!) { refreshToken(token: $t) { accessToken } }", {
            t: session.refreshToken,
          }),
      ),
    ).toBe("UNAUTHENTICATED");
  });
});
