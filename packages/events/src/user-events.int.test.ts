import { randomUUID } from "node:crypto";
import { createLogger } from "@kai/logger";
import { type NatsServer, startNatsServer, waitFor } from "@kai/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EventEnvelope, subjectOf } from "./catalogue.ts";
import { connectNats, type NatsConnections } from "./connect.ts";
import { buildEvent } from "./enqueue.ts";
import { followUserEvents, replayUserEvents } from "./user-events.ts";

let server: NatsServer;
let nats: NatsConnections;

beforeAll(async () => {
  server = await startNatsServer();
  nats = await connectNats(server.url, "user-events-test", createLogger("test", "silent"));
});
afterAll(async () => {
  await nats?.nc.drain();
  await server?.dispose();
});

const levelUp = (userId: string, level: number, occurredAt?: Date) =>
  buildEvent("progress.level_up", userId, { level, points: level * 100 }, occurredAt);

/** Published as the relay publishes: to the user's subject, acknowledged by the stream. */
async function publish(event: EventEnvelope): Promise<void> {
  await nats.js.publish(subjectOf(event.type, event.userId), JSON.stringify(event), {
    msgID: event.id,
  });
}

describe("followUserEvents", () => {
  it("delivers its user's valid events only, and reports what is not one", async () => {
    const [ada, grace] = [randomUUID(), randomUUID()];
    const seen: number[] = [];
    const invalid: unknown[] = [];
    const stop = followUserEvents(nats.nc, {
      type: "progress.level_up",
      userId: ada,
      onEvent: (event) => seen.push(event.data.level),
      onInvalid: (reason) => invalid.push(reason),
    });
    await nats.nc.flush();

    await publish(levelUp(ada, 2));
    await publish(levelUp(grace, 99));
    nats.nc.publish(subjectOf("progress.level_up", ada), "not json");
    // Well formed, but about Grace while on Ada's subject.
    nats.nc.publish(subjectOf("progress.level_up", ada), JSON.stringify(levelUp(grace, 98)));
    await publish(levelUp(ada, 3));
    await waitFor(() => (seen.length === 2 ? true : undefined), { what: "Ada's two events" });

    expect(seen).toEqual([2, 3]);
    expect(invalid).toHaveLength(2);
    stop();
  });
});

describe("replayUserEvents", () => {
  it("returns one user's events of one type after an instant, oldest first", async () => {
    const [ada, grace] = [randomUUID(), randomUUID()];
    const since = new Date(Date.now() - 60_000);
    const at = (seconds: number) => new Date(since.getTime() + seconds * 1_000);
    const before = levelUp(ada, 1, at(-1));
    const exactly = levelUp(ada, 2, at(0));
    const [first, second] = [levelUp(ada, 3, at(1)), levelUp(ada, 4, at(2))];
    for (const event of [before, exactly, first, levelUp(grace, 9, at(1)), second])
      await publish(event);
    await publish(buildEvent("progress.achievement_unlocked", ada, { key: "k", title: "t" }));

    const replayed = await replayUserEvents(nats.js, {
      type: "progress.level_up",
      userId: ada,
      since,
    });
    expect(replayed.map((event) => event.id)).toEqual([first.id, second.id]);
  });

  it("returns nothing for a user without events, and leaves no consumer behind", async () => {
    const replayed = await replayUserEvents(nats.js, {
      type: "progress.level_up",
      userId: randomUUID(),
      since: new Date(0),
    });
    expect(replayed).toEqual([]);
    const consumers = await nats.jsm.consumers.list("PROGRESS").next();
    expect(consumers).toEqual([]);
  });
});
