import { randomUUID } from "node:crypto";
import { buildEvent, type EventData, type EventType } from "@kai/events";
import { waitFor } from "@kai/testkit";
import { connect, type NatsConnection } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { register, type Session } from "./support/operations.ts";
import { type Stack, startStack } from "./support/stack.ts";

let stack: Stack;
let nc: NatsConnection;
let ada: Session;

beforeAll(async () => {
  stack = await startStack();
  nc = await connect({ servers: stack.nats.url });
  ada = await register(stack, "Ada");
});
afterAll(async () => {
  await nc?.drain();
  await stack?.stop();
});

async function publish<T extends EventType>(type: T, userId: string, data: EventData<T>) {
  const event = buildEvent(type, userId, data, new Date());
  await nc.jetstream().publish(`${type}.${userId}`, JSON.stringify(event), { msgID: event.id });
}

interface Entry {
  rank: number;
  points: number;
  user: { id: string; name?: string } | null;
}

/** The board through the gateway, errors included (a client that throws on them would hide data). */
async function leaderboard(selection: string) {
  const response = await fetch(stack.gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${ada.accessToken}` },
    body: JSON.stringify({
      query: `{ leaderboard(limit: 100) { rank points user { ${selection} } } }`,
    }),
  });
  return (await response.json()) as {
    data: { leaderboard: Entry[] } | null;
    errors?: { message: string; path?: (string | number)[] }[];
  };
}

describe("a leaderboard with a user the users subgraph does not know", () => {
  it("answers, with that user's entry keeping its place and its user null", async () => {
    // Progress learns of a user that users never had (as when an account is deleted and
    // users.user_deleted has not reached progress yet), and that user outscores Ada.
    const ghost = randomUUID();
    await publish("users.user_created", ghost, {
      email: `${ghost}@example.com`,
      name: "Ghost",
      timezone: "UTC",
      role: "USER",
    });
    for (const userId of [ghost, ghost, ada.userId]) {
      await publish("learning.topic_completed", userId, { topicId: randomUUID() });
    }
    // Asking only for ids needs nothing from users: the board as progress ranks it.
    await waitFor(
      async () => {
        const { data } = await leaderboard("id");
        const points = data?.leaderboard.map((entry) => [entry.user?.id, entry.points]);
        return JSON.stringify(points) ===
          JSON.stringify([
            [ghost, 100],
            [ada.userId, 50],
          ])
          ? true
          : undefined;
      },
      { timeoutMs: 15_000, what: "both scores on the board" },
    );

    const { data, errors } = await leaderboard("id name");
    expect(data?.leaderboard).toEqual([
      { rank: 1, points: 100, user: null },
      { rank: 2, points: 50, user: { id: ada.userId, name: "Ada" } },
    ]);
    // Users answered "no such user" for the reference, which is an answer, not a failure.
    expect(errors).toBeUndefined();
  });
});
