import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { type Release, SubscriptionSlots } from "./limits.ts";

const taken = (slot: Release | GraphQLError): Release => {
  if (slot instanceof GraphQLError) throw slot;
  return slot;
};

describe("SubscriptionSlots", () => {
  it("refuses a connection's subscription beyond its bound with RATE_LIMITED", () => {
    const connection = new SubscriptionSlots({ perConnection: 2, total: 10 }).forConnection();
    taken(connection.take());
    taken(connection.take());
    const refused = connection.take();
    expect(refused).toBeInstanceOf(GraphQLError);
    expect((refused as GraphQLError).extensions).toMatchObject({
      code: "RATE_LIMITED",
      retryAfterSeconds: 1,
    });
    expect(connection.held).toBe(2);
  });

  it("refuses beyond the replica's total, whichever connection asks", () => {
    const slots = new SubscriptionSlots({ perConnection: 5, total: 3 });
    const [first, second] = [slots.forConnection(), slots.forConnection()];
    taken(first.take());
    taken(first.take());
    taken(second.take());
    expect((second.take() as GraphQLError).message).toMatch(/subscription limit/);
    expect(slots.total).toBe(3);
  });

  it("frees a slot on release, once however often release is called", () => {
    const slots = new SubscriptionSlots({ perConnection: 1, total: 1 });
    const connection = slots.forConnection();
    const release = taken(connection.take());
    release();
    release();
    expect([slots.total, connection.held]).toEqual([0, 0]);
    taken(connection.take());
    expect(slots.forConnection().take()).toBeInstanceOf(GraphQLError);
  });
});
