import { describe, expect, it } from "vitest";
import { queryPlan } from "./support/query-plan.ts";

describe("query plans under me", () => {
  it("ask each subgraph for its own fields of the viewer at once, not after users", () => {
    const plan = queryPlan(`{
      me {
        name
        captures(first: 5) { edges { node { id topic { name } } } }
        progress { points }
        unreadNotificationCount
        topics(first: 5) { id }
      }
    }`);
    // Each root `me` fetch is one subgraph's; an entity fetch "under me" would wait for users.
    expect(plan).not.toContain('Flatten(path: "me")');
    const roots = [...plan.matchAll(/Fetch\(service: "(\w+)"\) \{\s+\{\s+me \{/g)].map(
      (match) => match[1],
    );
    expect(roots.sort()).toEqual(["captures", "learning", "notifications", "progress", "users"]);
    // The only sequential step left: learning's topics of the captures it was given.
    expect(plan).toContain('Flatten(path: "me.captures.edges.@.node")');
  });
});
