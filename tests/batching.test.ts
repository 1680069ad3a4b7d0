import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCapture, register, type Session, waitForProcessed } from "./support/operations.ts";
import { type Stack, startStack } from "./support/stack.ts";

let stack: Stack;

beforeAll(async () => {
  // Statements are counted per subgraph, so nothing else may run meanwhile: every background
  // scan (due cards, streak at risk, reminders, notification deliveries) waits an hour here.
  stack = await startStack({
    env: {
      DUE_SCAN_INTERVAL_SECONDS: "3600",
      STREAK_AT_RISK_SCAN_INTERVAL_SECONDS: "3600",
      REMINDER_SCAN_INTERVAL_SECONDS: "3600",
      DELIVERY_POLL_INTERVAL_SECONDS: "3600",
    },
  });
});
afterAll(() => stack?.stop());

// Within the default depth limit of 6: the captures come from the root field, not `me`.
const SPANNING_QUERY = `{
  me { name progress { points level streak } }
  captures(first: 20) { edges { node { status topic { name flashcards { front } } } } }
}`;

async function statementsFor(session: Session): Promise<number> {
  const before = Object.values(stack.statements).reduce((a, b) => a + b, 0);
  await session.client.request(SPANNING_QUERY);
  return Object.values(stack.statements).reduce((a, b) => a + b, 0) - before;
}

async function userWithCaptures(name: string, count: number): Promise<Session> {
  const session = await register(stack, name);
  const ids = await Promise.all(Array.from({ length: count }, () => createCapture(session)));
  await Promise.all(ids.map((id) => waitForProcessed(session, id)));
  return session;
}

describe("a query spanning all four subgraphs", () => {
  it("costs the same number of SQL statements for 2 captures as for 12", async () => {
    const few = await userWithCaptures("Few", 2);
    const many = await userWithCaptures("Many", 12);
    await statementsFor(few);
    const small = await statementsFor(few);
    const large = await statementsFor(many);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(12);
  });
});
