import { randomUUID } from "node:crypto";
import {
  buildEvent,
  type EventData,
  type EventEnvelope,
  type EventType,
  STREAMS,
  type StreamName,
} from "@kai/events";
import { waitFor } from "@kai/testkit";
import { GraphQLClient } from "graphql-request";
import { connect, type NatsConnection } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCapture,
  errorCode,
  failure,
  register,
  type Session,
  waitForProcessed,
  waitForProgress,
} from "./support/operations.ts";
import { queryRows } from "./support/psql.ts";
import { type Stack, startStack } from "./support/stack.ts";
import { connectSocket, subscribe, waitForLive } from "./support/subscriptions.ts";

const PASSWORD = "correct horse battery";
const adminEmail = `admin-${randomUUID()}@example.com`;
let stack: Stack;
let nc: NatsConnection;
let admin: Session;

beforeAll(async () => {
  stack = await startStack({ env: { ADMIN_EMAILS: adminEmail } });
  nc = await connect({ servers: stack.nats.url });
  const { register: payload } = await stack.client().request<{
    register: { accessToken: string; refreshToken: string; user: { id: string } };
  }>(
    "mutation ($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id } } }",
    { input: { email: adminEmail, password: PASSWORD, name: "Admin" } },
  );
  admin = {
    userId: payload.user.id,
    accessToken: payload.accessToken,
    refreshToken: payload.refreshToken,
    client: stack.client(payload.accessToken),
  };
});
afterAll(async () => {
  await nc?.drain();
  await stack?.stop();
});

const deleteAccount = (session: Session, password = PASSWORD) =>
  session.client.request<{ deleteAccount: boolean }>(
    "mutation ($password: String!) { deleteAccount(password: $password) }",
    { password },
  );

const refresh = (token: string) =>
  stack
    .client()
    .request<{ refreshToken: { accessToken: string; refreshToken: string } }>(
      "mutation ($token: String!) { refreshToken(token: $token) { accessToken refreshToken } }",
      { token },
    );

/** A client of one subgraph's own port: what reaches it past the gateway. */
const direct = (subgraph: keyof Stack["subgraphs"], token: string) =>
  new GraphQLClient(stack.subgraphs[subgraph].url, {
    headers: { authorization: `Bearer ${token}` },
  });

/** Every table holding a user id, in every subgraph, and the column naming the user. */
const USER_ROWS = {
  users: { users: "id", sessions: "user_id", refresh_tokens: "user_id" },
  captures: { captures: "owner_id" },
  learning: {
    topics: "owner_id",
    flashcards: "owner_id",
    reviews: "owner_id",
    syllabi: "owner_id",
    ai_calls: "owner_id",
  },
  progress: {
    user_progress: "user_id",
    daily_activity: "user_id",
    point_awards: "user_id",
    achievements: "user_id",
  },
} as const;

/** The user's rows, per subgraph and table, read straight from each database. */
async function rowsOf(userId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [subgraph, tables] of Object.entries(USER_ROWS)) {
    const selects = Object.entries(tables).map(
      ([table, column]) =>
        `select '${subgraph}.${table}', count(*) from ${table} where ${column} = '${userId}'`,
    );
    const url = stack.databases[subgraph as keyof Stack["databases"]];
    for (const [name, count] of await queryRows(url, selects.join(" union all "))) {
      counts[name as string] = Number(count);
    }
  }
  return counts;
}

const nothingLeft = (counts: Record<string, number>) =>
  Object.values(counts).every((count) => count === 0) ? counts : undefined;

/** Messages per subject that the event streams (dead letters aside) hold of the user. */
async function streamedEventsOf(userId: string): Promise<Record<string, number>> {
  const jsm = await nc.jetstreamManager();
  const held: Record<string, number> = {};
  for (const [stream, subjects] of Object.entries(STREAMS) as [StreamName, string][]) {
    if (stream === "DEAD_LETTERS") continue;
    const filter = subjects.replace(">", `*.${userId}`);
    const info = await jsm.streams.info(stream, { subjects_filter: filter });
    Object.assign(held, info.state.subjects ?? {});
  }
  return held;
}

async function leaderboardIds(session: Session): Promise<string[]> {
  const { leaderboard } = await session.client.request<{
    leaderboard: { user: { id: string } | null }[];
  }>("{ leaderboard(period: ALL_TIME, limit: 100) { user { id } } }");
  return leaderboard.flatMap((entry) => (entry.user ? [entry.user.id] : []));
}

/** A user with a processed capture, a reviewed card, a completed topic and points on the board. */
async function activeUser(name: string): Promise<Session> {
  const session = await register(stack, name);
  const capture = await waitForProcessed(session, await createCapture(session));
  const topic = capture.topic;
  if (!topic) throw new Error(`${name}'s capture made no topic`);
  await session.client.request(
    "mutation ($input: ReviewFlashcardInput!) { reviewFlashcard(input: $input) { id } }",
    { input: { flashcardId: topic.flashcards[0]?.id, quality: 4 } },
  );
  await session.client.request("mutation ($id: ID!) { completeTopic(topicId: $id) { id } }", {
    id: topic.id,
  });
  await waitForProgress(session, (progress) => progress.points === 60);
  return session;
}

async function publish<T extends EventType>(event: EventEnvelope<T>, msgID = event.id) {
  await nc.jetstream().publish(`${event.type}.${event.userId}`, JSON.stringify(event), { msgID });
}

const publishNew = <T extends EventType>(type: T, userId: string, data: EventData<T>) =>
  publish(buildEvent(type, userId, data));

describe("deleteAccount", () => {
  it("refuses a wrong password with BAD_USER_INPUT and deletes nothing", async () => {
    const ada = await register(stack, "Ada");
    await waitForProgress(ada, () => true);
    const before = await rowsOf(ada.userId);
    const refused = await failure(deleteAccount(ada, "not my password"));
    expect(refused.code).toBe("BAD_USER_INPUT");
    expect(refused.message).toMatch(/password/i);
    expect(await rowsOf(ada.userId)).toEqual(before);
    const { me } = await ada.client.request<{ me: { id: string } }>("{ me { id } }");
    expect(me.id).toBe(ada.userId);
  });

  it("erases the user everywhere, revokes their tokens at once and drops them from the board", async () => {
    const ada = await activeUser("Ada");
    const bo = await activeUser("Bo");
    const before = await rowsOf(ada.userId);
    for (const table of [
      "captures.captures",
      "learning.topics",
      "learning.flashcards",
      "learning.reviews",
      "progress.user_progress",
      "progress.daily_activity",
      "progress.point_awards",
    ]) {
      expect(before[table], table).toBeGreaterThan(0);
    }
    expect(await leaderboardIds(bo)).toContain(ada.userId);
    const bosRows = await rowsOf(bo.userId);
    const adasEvents = Object.keys(await streamedEventsOf(ada.userId));
    for (const type of [
      "users.user_created",
      "captures.capture_created",
      "learning.capture_processed",
      "learning.flashcard_reviewed",
      "progress.streak_updated",
    ]) {
      expect(adasEvents, type).toContain(`${type}.${ada.userId}`);
    }
    let closed: { code: number; reason: string } | undefined;
    const socket = connectSocket(stack.gateway, {
      token: ada.accessToken,
      onClose: (event) => {
        closed = event;
      },
    });
    subscribe(socket, "subscription { streakUpdated { points } }");
    await waitForLive(stack.gateway, 1);

    expect((await deleteAccount(ada)).deleteAccount).toBe(true);

    // Long before the token expires (minutes): through the gateway, at a subgraph's own port,
    // and on the open socket. The bound is generous so a loaded machine does not fail it; how
    // fast revocation travels is a benchmark's business.
    const refusedEverywhere = () =>
      Promise.all([
        errorCode(ada.client.request("{ me { id } }")),
        errorCode(
          direct("captures", ada.accessToken).request(
            "{ captures(first: 1) { edges { cursor } } }",
          ),
        ),
        errorCode(direct("progress", ada.accessToken).request("{ leaderboard { rank } }")),
      ]).then((codes) => (codes.every((code) => code === "UNAUTHENTICATED") ? codes : undefined));
    await waitFor(refusedEverywhere, {
      timeoutMs: 5_000,
      intervalMs: 20,
      what: "ada's token refused",
    });
    const socketClosed = await waitFor(() => closed, {
      timeoutMs: 5_000,
      what: "the socket to close",
    });
    expect(socketClosed.code).toBe(4401);
    expect(socketClosed.reason).toMatch(/revoked/);
    await socket.dispose();

    expect(await errorCode(refresh(ada.refreshToken))).toBe("UNAUTHENTICATED");
    await waitFor(async () => nothingLeft(await rowsOf(ada.userId)), {
      timeoutMs: 15_000,
      what: "every subgraph to erase ada's rows",
    });
    expect(await leaderboardIds(bo)).not.toContain(ada.userId);
    expect(await leaderboardIds(bo)).toContain(bo.userId);
    expect(await rowsOf(bo.userId)).toEqual(bosRows);
    // Every subgraph purged its stream of her events; only the deletion itself stays.
    const onlyTheDeletion = { [`users.user_deleted.${ada.userId}`]: 1 };
    await waitFor(
      async () => {
        const held = await streamedEventsOf(ada.userId);
        return JSON.stringify(held) === JSON.stringify(onlyTheDeletion) ? held : undefined;
      },
      { timeoutMs: 15_000, what: "the streams to hold nothing of ada's but her deletion" },
    );
    const bosEvents = Object.keys(await streamedEventsOf(bo.userId));
    expect(bosEvents).toContain(`users.user_created.${bo.userId}`);
    expect(bosEvents).toContain(`learning.flashcard_reviewed.${bo.userId}`);
  });

  it("is applied once: a redelivery, and the user's events still in flight, bring nothing back", async () => {
    const cy = await register(stack, "Cy");
    await waitForProgress(cy, () => true);
    await deleteAccount(cy);
    await waitFor(async () => nothingLeft(await rowsOf(cy.userId)), {
      timeoutMs: 15_000,
      what: "cy's rows to be erased",
    });
    const [[payload]] = (await queryRows(
      stack.databases.users,
      `select payload from outbox where subject = 'users.user_deleted.${cy.userId}'`,
    )) as [[string]];
    const deletion = JSON.parse(payload) as EventEnvelope<"users.user_deleted">;

    // The deletion again under another message id (so JetStream keeps it), and events of cy's
    // that arrive late: a sign-up, a completed topic, a capture to make cards from.
    await publish(deletion, `${deletion.id}:again`);
    await publishNew("users.user_created", cy.userId, {
      email: `${cy.userId}@example.com`,
      name: "Cy",
      timezone: "UTC",
      role: "USER",
    });
    await publishNew("learning.topic_completed", cy.userId, { topicId: randomUUID() });
    await publishNew("captures.capture_created", cy.userId, {
      captureId: randomUUID(),
      type: "TEXT",
      content: "Cells divide by mitosis. ".repeat(20),
      source: null,
      tags: [],
    });

    // Each consumer handles its messages in order: once a later event is applied by each,
    // cy's were handled before it.
    const later = await activeUser("Dee");
    await deleteAccount(later);
    await waitFor(async () => nothingLeft(await rowsOf(later.userId)), {
      timeoutMs: 15_000,
      what: "dee's rows to be erased",
    });
    const newcomer = randomUUID();
    await publishNew("users.user_created", newcomer, {
      email: `${newcomer}@example.com`,
      name: "Newcomer",
      timezone: "UTC",
      role: "USER",
    });
    await waitFor(
      async () => ((await rowsOf(newcomer))["progress.user_progress"] ? true : undefined),
      {
        what: "the newcomer's progress",
      },
    );

    expect(nothingLeft(await rowsOf(cy.userId))).toBeDefined();
    for (const [subgraph, durable] of [
      ["captures", "captures-user-deleted"],
      ["learning", "learning-user-deleted"],
      ["progress", "progress-user-deleted"],
    ] as const) {
      const applied = await queryRows(
        stack.databases[subgraph],
        `select count(*) from processed_events where consumer = '${durable}' and event_id = '${deletion.id}'`,
      );
      expect(applied, durable).toEqual([["1"]]);
    }
  });
});

describe("setUserRole", () => {
  const setRole = (session: Session, userId: string, role: string) =>
    session.client.request<{ setUserRole: { id: string; role: string } }>(
      "mutation ($userId: ID!, $role: Role!) { setUserRole(userId: $userId, role: $role) { id role } }",
      { userId, role },
    );
  const roleClaim = (token: string) =>
    (JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString()) as { role: string })
      .role;

  it("lets an admin promote a user, whose next token carries the role", async () => {
    const eve = await register(stack, "Eve");
    const { setUserRole } = await setRole(admin, eve.userId, "ANALYST");
    expect(setUserRole).toEqual({ id: eve.userId, role: "ANALYST" });
    // The token Eve holds keeps its role until it expires; the next one has the new role.
    expect(roleClaim(eve.accessToken)).toBe("USER");
    const { refreshToken } = await refresh(eve.refreshToken);
    expect(roleClaim(refreshToken.accessToken)).toBe("ANALYST");
  });

  it("is FORBIDDEN to anyone but an admin, NOT_FOUND for an unknown user", async () => {
    const [fay, gus] = [await register(stack, "Fay"), await register(stack, "Gus")];
    expect(await errorCode(setRole(fay, gus.userId, "ADMIN"))).toBe("FORBIDDEN");
    expect(await errorCode(setRole(fay, fay.userId, "ADMIN"))).toBe("FORBIDDEN");
    expect(await errorCode(setRole(admin, randomUUID(), "ANALYST"))).toBe("NOT_FOUND");
    expect(await errorCode(setRole(admin, "not-an-id", "ANALYST"))).toBe("NOT_FOUND");
  });

  it("refuses an admin's change of their own role", async () => {
    expect(await errorCode(setRole(admin, admin.userId, "USER"))).toBe("BAD_USER_INPUT");
  });
});
