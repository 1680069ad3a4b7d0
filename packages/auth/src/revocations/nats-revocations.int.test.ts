import { createLogger } from "@kai/logger";
import { type NatsServer, startNatsServer, waitFor } from "@kai/testkit";
import { connect, type NatsConnection } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AccessTokenRevocations, openRevocations } from "./nats-revocations.ts";

const log = createLogger("auth-test", "silent");
let nats: NatsServer;
const disposables: (() => Promise<void>)[] = [];

beforeAll(async () => {
  nats = await startNatsServer();
});
afterAll(async () => {
  for (const dispose of disposables.reverse()) await dispose();
  await nats?.dispose();
});

/** A replica's revocations on a connection of its own, stopped after the suite. */
async function replica(): Promise<AccessTokenRevocations & { nc: NatsConnection }> {
  const nc = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
  const revocations = await openRevocations(nc, { log, rewatchDelayMs: 100 });
  disposables.push(async () => {
    await revocations.stop();
    await nc.close();
  });
  return Object.assign(revocations, { nc });
}

const userId = () => crypto.randomUUID();
const before = (date: Date) => new Date(date.getTime() - 1);

describe("revocations shared over NATS", () => {
  it("reach every replica within a second, and the writer at once", async () => {
    const [writer, reader] = [await replica(), await replica()];
    const ada = userId();
    const cutoff = new Date();
    const started = Date.now();
    await writer.revoke(ada, cutoff);
    expect(writer.isRevoked(ada, before(cutoff))).toBe(true);
    await waitFor(() => reader.isRevoked(ada, before(cutoff)) || undefined, { timeoutMs: 1_000 });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(reader.isRevoked(ada, cutoff)).toBe(false);
  });

  it("are loaded by a replica that starts later, before it answers", async () => {
    const writer = await replica();
    const ada = userId();
    const cutoff = new Date();
    await writer.revoke(ada, cutoff);
    const late = await replica();
    expect(late.isRevoked(ada, before(cutoff))).toBe(true);
  });

  it("keep the latest cut-off when an earlier one is written after it", async () => {
    const writer = await replica();
    const ada = userId();
    const later = new Date();
    await writer.revoke(ada, later);
    await writer.revoke(ada, new Date(later.getTime() - 60_000));
    const late = await replica();
    expect(late.isRevoked(ada, before(later))).toBe(true);
  });

  it("call listeners of the user revoked", async () => {
    const [writer, reader] = [await replica(), await replica()];
    const ada = userId();
    const heard: string[] = [];
    reader.onRevoked((id) => heard.push(id));
    await writer.revoke(ada);
    await waitFor(() => heard.includes(ada) || undefined, { timeoutMs: 1_000 });
  });

  it("keep arriving after NATS restarts, as soon as the connection is back", async () => {
    const [writer, reader] = [await replica(), await replica()];
    await nats.stop();
    await nats.restart();
    const ada = userId();
    const cutoff = new Date();
    await waitFor(() => writer.revoke(ada, cutoff).then(() => true), {
      timeoutMs: 15_000,
      what: "the writer to reconnect",
    });
    // Not after the watch's missed heartbeats (seconds): the reconnect restarts it.
    await waitFor(() => reader.isRevoked(ada, before(cutoff)) || undefined, {
      timeoutMs: 1_000,
      what: "the reader's watch to resume",
    });
  });
});
