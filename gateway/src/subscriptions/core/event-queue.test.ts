import { describe, expect, it } from "vitest";
import { EventQueue } from "./event-queue.ts";

const event = (id: string) => ({ id });

/** Takes `count` events from the queue, in order. */
async function take(queue: EventQueue<{ id: string }>, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await queue.next())?.id ?? "(end)");
  return ids;
}

/** A replay whose result the test hands over when it chooses. */
function pendingReplay() {
  let finish: (events: { id: string }[]) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const events = new Promise<{ id: string }[]>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { events, finish, fail };
}

describe("EventQueue", () => {
  it("hands live events over in order, to a waiting reader at once", async () => {
    const queue = new EventQueue();
    const waiting = queue.next();
    queue.push(event("a"));
    expect(await waiting).toEqual(event("a"));
    queue.push(event("b"));
    queue.push(event("c"));
    expect(await take(queue, 2)).toEqual(["b", "c"]);
  });

  it("replays missed events first, then live ones, each once", async () => {
    const queue = new EventQueue();
    const replay = pendingReplay();
    queue.replayFirst(replay.events);
    // Live while the replay is read: one the replay also holds, one newer.
    queue.push(event("m2"));
    queue.push(event("l1"));
    replay.finish([event("m1"), event("m2")]);
    // The replayed one again, after the replay: still once.
    queue.push(event("m2"));
    queue.push(event("l2"));
    expect(await take(queue, 4)).toEqual(["m1", "m2", "l1", "l2"]);
    expect(queue.size).toBe(0);
  });

  it("takes a live event that comes twice once (the relay publishes at least once)", async () => {
    const queue = new EventQueue();
    const waiting = queue.next();
    queue.push(event("a"));
    queue.push(event("a"));
    queue.push(event("b"));
    queue.push(event("a"));
    expect(await waiting).toEqual(event("a"));
    expect(await take(queue, 1)).toEqual(["b"]);
    expect(queue.size).toBe(0);
  });

  it("keeps a reader waiting until the replay is in, however early live events come", async () => {
    const queue = new EventQueue();
    const replay = pendingReplay();
    queue.replayFirst(replay.events);
    const first = queue.next();
    queue.push(event("live"));
    replay.finish([event("missed")]);
    expect(await first).toEqual(event("missed"));
    expect(await take(queue, 1)).toEqual(["live"]);
  });

  it("drops the oldest events for a reader slower than the limit", async () => {
    const queue = new EventQueue({ limit: 2 });
    for (const id of ["1", "2", "3", "4"]) queue.push(event(id));
    expect(queue.size).toBe(2);
    expect(await take(queue, 2)).toEqual(["3", "4"]);
  });

  it("keeps the newest events of a long replay within the limit", async () => {
    const queue = new EventQueue({ limit: 2 });
    queue.replayFirst(Promise.resolve(["1", "2", "3"].map(event)));
    queue.push(event("4"));
    expect(await take(queue, 2)).toEqual(["3", "4"]);
  });

  it("ends a waiting reader on close and takes nothing more", async () => {
    const queue = new EventQueue();
    const waiting = queue.next();
    queue.close();
    expect(await waiting).toBeUndefined();
    queue.push(event("late"));
    expect(queue.size).toBe(0);
    expect(await queue.next()).toBeUndefined();
  });

  it("fails the reader when the replay cannot be read, rather than hide the gap", async () => {
    const queue = new EventQueue();
    const replay = pendingReplay();
    queue.replayFirst(replay.events);
    replay.fail(new Error("stream unavailable"));
    await expect(queue.next()).rejects.toThrow("stream unavailable");
  });
});
