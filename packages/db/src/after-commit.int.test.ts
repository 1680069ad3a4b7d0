import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { afterCommit } from "./after-commit.ts";
import { DRIVERS, openProbeDatabases, type ProbeDatabases } from "./testing/probe-databases.ts";
import { probe } from "./testing/probe-schema.ts";

let probes: ProbeDatabases;

beforeAll(async () => {
  probes = await openProbeDatabases("commit_hooks");
});

afterAll(async () => {
  await probes?.close();
});

describe.each(DRIVERS)("afterCommit on %s", (driver) => {
  const db = () => probes.drivers[driver].db;
  /** Rows another statement sees: on postgres.js another pooled connection, so only committed ones. */
  const rows = async () => (await db().select({ n: count() }).from(probe))[0]?.n ?? 0;

  it("runs a hook once the transaction commits, when its rows are visible to others", async () => {
    const before = await rows();
    let seen: Promise<number> | undefined;
    await db().transaction(async (tx) => {
      await tx.insert(probe).values({ note: "committed" });
      afterCommit(tx, () => {
        seen = rows();
      });
      expect(seen).toBeUndefined();
    });
    expect(await seen).toBe(before + 1);
  });

  it("never runs it when the transaction rolls back", async () => {
    let ran = false;
    const failed = db().transaction(async (tx) => {
      await tx.insert(probe).values({ note: "rolled back" });
      afterCommit(tx, () => {
        ran = true;
      });
      throw new Error("roll back");
    });
    await expect(failed).rejects.toThrow("roll back");
    expect(ran).toBe(false);
  });

  it("holds a hook registered in a savepoint until the outermost transaction commits", async () => {
    const order: string[] = [];
    await db().transaction(async (tx) => {
      await tx.transaction(async (savepoint) => {
        await savepoint.insert(probe).values({ note: "in a savepoint" });
        afterCommit(savepoint, () => order.push("hook"));
      });
      order.push("savepoint released");
    });
    expect(order).toEqual(["savepoint released", "hook"]);
  });

  it("drops the hooks of a savepoint that rolls back, and keeps the rest", async () => {
    const ran: string[] = [];
    await db().transaction(async (tx) => {
      afterCommit(tx, () => ran.push("outer"));
      const failed = tx.transaction(async (savepoint) => {
        await savepoint.insert(probe).values({ note: "rolled back savepoint" });
        afterCommit(savepoint, () => ran.push("rolled back"));
        throw new Error("roll back the savepoint");
      });
      await expect(failed).rejects.toThrow("roll back the savepoint");
    });
    expect(ran).toEqual(["outer"]);
  });

  it("runs at once outside a transaction, handing the hook the database", async () => {
    let committedTo: object | undefined;
    afterCommit(db(), (database) => {
      committedTo = database;
    });
    expect(committedTo).toBe(db());
  });
});
