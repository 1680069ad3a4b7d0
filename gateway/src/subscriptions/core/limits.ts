import { rateLimited } from "@kai/errors";
import type { GraphQLError } from "graphql";

export interface SubscriptionLimits {
  /**
   * Live subscriptions one connection may hold; more are refused with RATE_LIMITED. The gateway
   * sets it from MAX_SUBSCRIPTIONS_PER_CONNECTION (default 20): one app needs a handful, and a
   * socket asking for hundreds is a bug or an attack.
   */
  perConnection: number;
  /**
   * Live subscriptions this replica holds across all connections, from MAX_SUBSCRIPTIONS
   * (default 20,000): it bounds memory under a flood; clients retry on another replica.
   */
  total: number;
}

/** Gives back a slot; calling it again does nothing, so every path may release safely. */
export type Release = () => void;

/**
 * Counts live subscriptions against the limits. A slot is taken when a subscription starts
 * (not when its message is checked): a burst of subscribe messages would all pass a check
 * made before any of them is counted.
 */
export class SubscriptionSlots {
  private held = 0;

  constructor(private readonly limits: SubscriptionLimits) {}

  /** A counter for one connection, drawing on this replica's total. */
  forConnection(): ConnectionSlots {
    return new ConnectionSlots(this.limits, {
      held: () => this.held,
      change: (by) => {
        this.held += by;
      },
    });
  }

  /** Slots held across every connection. */
  get total(): number {
    return this.held;
  }
}

export class ConnectionSlots {
  private heldHere = 0;

  constructor(
    private readonly limits: SubscriptionLimits,
    private readonly pool: { held(): number; change(by: number): void },
  ) {}

  /** A slot, or the RATE_LIMITED error saying which limit is reached. */
  take(): Release | GraphQLError {
    if (this.heldHere >= this.limits.perConnection)
      return rateLimited(`At most ${this.limits.perConnection} subscriptions per connection`, 1);
    if (this.pool.held() >= this.limits.total)
      return rateLimited("This server is at its subscription limit; try again soon", 5);
    this.heldHere++;
    this.pool.change(1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.heldHere--;
      this.pool.change(-1);
    };
  }

  get held(): number {
    return this.heldHere;
  }
}
