import { randomUUID } from "node:crypto";
import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper/resolverMap.js";
import type { Viewer } from "@kai/auth";
import { buildEvent } from "@kai/events";
import { DateTime } from "@kai/service";
import { execute, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { withEventSubscriptions } from "./event-subscriptions.ts";

const typeDefs = parse(`
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@composeDirective"])
    @link(url: "https://kai.dev/event/v1.0", import: ["@event"])
    @composeDirective(name: "@event")
  directive @event(type: String!) on FIELD_DEFINITION
  scalar DateTime
  type User @key(fields: "id") { id: ID! }
  type StreakUpdate { user: User! streak: Int! points: Int! at: DateTime! }
  type Query { ok: Boolean }
  type Subscription { streakUpdated: StreakUpdate! @event(type: "progress.streak_updated") }
`);
const schema = buildSubgraphSchema({
  typeDefs,
  resolvers: withEventSubscriptions(typeDefs, { DateTime }) as GraphQLResolverMap<unknown>,
});
const SELECTION = parse(
  "subscription { streakUpdated { streak points at user { __typename id } } }",
);

const userId = randomUUID();
const viewer = (id: string): Viewer => ({ id, role: "USER", expiresAt: new Date(8.64e15) });
const event = buildEvent("progress.streak_updated", userId, {
  streak: 3,
  longestStreak: 5,
  points: 40,
  level: 1,
  at: "2026-01-31T09:00:00.000Z",
});

/** The gateway's per-event request, as the subgraph server executes it. */
const resolveFor = (contextValue: { viewer: Viewer | null; event?: unknown }) =>
  execute({ schema, document: SELECTION, contextValue });

describe("withEventSubscriptions", () => {
  it("resolves an @event field from the event the gateway sent, with no subgraph resolver", async () => {
    expect(await resolveFor({ viewer: viewer(userId), event })).toEqual({
      data: {
        streakUpdated: {
          streak: 3,
          points: 40,
          at: "2026-01-31T09:00:00.000Z",
          user: { __typename: "User", id: userId },
        },
      },
    });
  });

  it("answers FORBIDDEN for another user's event and an error for a malformed one", async () => {
    const foreign = await resolveFor({ viewer: viewer(randomUUID()), event });
    expect(foreign.data).toBeNull();
    expect(foreign.errors?.[0]?.extensions.code).toBe("FORBIDDEN");
    const malformed = await resolveFor({ viewer: viewer(userId), event: { ...event, data: {} } });
    expect(malformed.data).toBeNull();
    expect(malformed.errors).toHaveLength(1);
  });

  it("refuses a subgraph that resolves an @event field itself", () => {
    const own = { Subscription: { streakUpdated: { resolve: () => null } } };
    expect(() => withEventSubscriptions(typeDefs, own)).toThrow(/remove its resolver/);
  });

  it("leaves a subgraph without subscriptions as it is", () => {
    const resolvers = { Query: {} };
    expect(withEventSubscriptions(parse("type Query { ok: Boolean }"), resolvers)).toBe(resolvers);
  });
});
