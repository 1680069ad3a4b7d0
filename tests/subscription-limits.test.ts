import { waitFor } from "@kai/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { register, type Session, waitForProgress } from "./support/operations.ts";
import { type Stack, startStack } from "./support/stack.ts";
import { connectSocket, subscribe, waitForLive, waitForReleased } from "./support/subscriptions.ts";

let stack: Stack;
let ada: Session;

const STREAK = "subscription { streakUpdated { points } }";

beforeAll(async () => {
  stack = await startStack({
    env: { MAX_SUBSCRIPTIONS_PER_CONNECTION: "3" },
  });
  ada = await register(stack, "Ada");
  await waitForProgress(ada, () => true);
});
afterAll(() => stack?.stop());

/** The close a raw graphql-transport-ws handshake gets: the bare protocol, no client library. */
function closedWith(token?: string): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(stack.gateway.url.replace(/^http/, "ws"), "graphql-transport-ws");
    socket.once("open", () => {
      const payload = token ? { authorization: `Bearer ${token}` } : {};
      socket.send(JSON.stringify({ type: "connection_init", payload }));
    });
    socket.once("close", (code, reason) => resolve({ code, reason: reason.toString() }));
    socket.once("error", reject);
  });
}

describe("subscription connections", () => {
  it("close with 4401 without a token or with a bad one", async () => {
    expect((await closedWith()).code).toBe(4401);
    expect((await closedWith("not-a-token")).code).toBe(4401);
    expect((await closedWith(`${ada.accessToken}x`)).code).toBe(4401);
  });

  it("are the only way to subscribe: over HTTP a subscription gets a clear 400", async () => {
    const response = await fetch(stack.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${ada.accessToken}` },
      body: JSON.stringify({ query: STREAK }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(body.errors[0]?.extensions.code).toBe("BAD_REQUEST");
    expect(body.errors[0]?.message).toMatch(/graphql-ws/);
  });

  it("refuse subscriptions beyond the per-connection bound with RATE_LIMITED", async () => {
    const socket = connectSocket(stack.gateway, { token: ada.accessToken });
    const feeds = Array.from({ length: 4 }, () => subscribe(socket, STREAK));
    const refused = await waitFor(() => feeds.find((feed) => feed.completed), {
      what: "a refused subscription",
    });
    expect(refused.results[0]?.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect(feeds.filter((feed) => !feed.completed)).toHaveLength(3);
    await socket.dispose();
  });

  it("free every NATS subscription, counter and byte when sockets close", async () => {
    await openAndCloseSockets(40);
    const before = heapAfterCollection();
    for (let round = 0; round < 5; round++) await openAndCloseSockets(40);
    // 400 subscriptions came and went; what they held must be collectable.
    expect(heapAfterCollection() - before).toBeLessThan(8 * 1024 * 1024);
  });
});

/** Opens `count` sockets with two subscriptions each, then closes them and waits for the release. */
async function openAndCloseSockets(count: number): Promise<void> {
  const sockets = Array.from({ length: count }, () =>
    connectSocket(stack.gateway, { token: ada.accessToken }),
  );
  for (const socket of sockets) {
    subscribe(socket, STREAK);
    subscribe(socket, "subscription { dueFlashcardsChanged { dueCount } }");
  }
  await waitForLive(stack.gateway, count * 2);
  // Shared per user and subject: all sockets of one user hold two NATS subscriptions.
  expect(stack.gateway.subscriptions.stats().subjects).toBe(2);
  await Promise.all(sockets.map((socket) => socket.dispose()));
  await waitForReleased(stack.gateway);
}

function heapAfterCollection(): number {
  if (!global.gc) throw new Error("run with --expose-gc (vitest.config.ts sets it)");
  global.gc();
  return process.memoryUsage().heapUsed;
}
