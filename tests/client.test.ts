import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import {
  CaptureDocument,
  CapturesDocument,
  CreateCaptureDocument,
  createKaiClient,
  type EventMeta,
  errorCode,
  type KaiClient,
  type KaiClientOptions,
  MyProgressDocument,
  memoryTokenStore,
  RegisterDocument,
  ReviewFlashcardDocument,
  StreakUpdatedDocument,
  type StreakUpdatedSubscription,
} from "@kai/client";
import { waitFor } from "@kai/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { PROSE } from "./support/operations.ts";
import { type Stack, startStack } from "./support/stack.ts";
import { waitForLive, waitForStoredEvent } from "./support/subscriptions.ts";

/** Short-lived access tokens, so a test sees them expire. */
const TOKEN_SECONDS = 3;
const MANIFEST = resolve(
  import.meta.dirname,
  "../packages/client/src/generated/persisted-documents.json",
);

let stack: Stack;
const clients: KaiClient[] = [];

beforeAll(async () => {
  stack = await startStack({
    env: {
      ACCESS_TOKEN_TTL_SECONDS: String(TOKEN_SECONDS),
      PERSISTED_DOCUMENTS: MANIFEST,
      ONLY_PERSISTED_DOCUMENTS: "true",
    },
  });
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await stack?.stop();
});

/**
 * The network between the client and the gateway: `cut()` drops every open socket, as losing
 * Wi-Fi would, and while `offline` new sockets find nobody listening.
 */
class Network {
  offline = false;
  readonly sockets: WebSocket[] = [];

  webSocketImpl() {
    const network = this;
    return class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        // Port 9 (discard) has no listener here: the connection is refused, as offline.
        super(network.offline ? "ws://127.0.0.1:9" : url, protocols);
        network.sockets.push(this);
      }
    };
  }

  cut() {
    this.offline = true;
    for (const socket of this.sockets) socket.terminate();
  }
}

/** A signed-in @kai/client of a new user, sending documents by id as a shipped app does. */
async function signUp(options: Partial<KaiClientOptions> = {}): Promise<KaiClient> {
  const client = createKaiClient({
    url: stack.gateway.url,
    subscriptions: { webSocketImpl: WebSocket },
    ...options,
  });
  clients.push(client);
  const { register } = await client.request(RegisterDocument, {
    input: { email: `${randomUUID()}@example.com`, password: "correct horse battery", name: "Lin" },
  });
  client.tokens.set({ accessToken: register.accessToken, refreshToken: register.refreshToken });
  return client;
}

/** The ids of the cards learning made from a new capture. */
async function cardsOf(client: KaiClient, content = PROSE): Promise<string[]> {
  const { createCapture } = await client.request(CreateCaptureDocument, {
    input: { type: "TEXT", content },
  });
  return waitFor(
    async () => {
      const { capture } = await client.request(CaptureDocument, { id: createCapture.id });
      return capture?.status === "PROCESSED"
        ? capture.topic!.flashcards.map((card) => card.id)
        : undefined;
    },
    { timeoutMs: 15_000, what: "the capture to be processed" },
  );
}

const expiry = () => new Promise((done) => setTimeout(done, (TOKEN_SECONDS + 1) * 1000));

describe("@kai/client against the gateway", () => {
  it("refreshes an expired access token once, shared by concurrent requests", async () => {
    const client = await signUp();
    const before = client.tokens.get()!;
    await expiry();
    // Three at once: had each refreshed on its own, the spent refresh token's reuse would end
    // the sign-in (users refuses a refresh token used twice).
    const answers = await Promise.all([1, 2, 3].map(() => client.request(MyProgressDocument)));
    expect(answers.map((answer) => answer.me.progress.points)).toEqual([0, 0, 0]);
    const after = client.tokens.get()!;
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    // The old token really had expired: the refresh was needed.
    const stale = createKaiClient({
      url: stack.gateway.url,
      tokens: memoryTokenStore({ accessToken: before.accessToken, refreshToken: "none" }),
    });
    expect(errorCode(await stale.request(MyProgressDocument).catch((error) => error))).toBe(
      "UNAUTHENTICATED",
    );
  });

  it("signs out when the refresh token is refused", async () => {
    let signedOut = 0;
    const client = await signUp({ onSignedOut: () => signedOut++ });
    client.tokens.set({ ...client.tokens.get()!, refreshToken: "not-a-refresh-token" });
    await expiry();
    const failure = await client.request(MyProgressDocument).catch((error: unknown) => error);
    expect(errorCode(failure)).toBe("UNAUTHENTICATED");
    expect(client.tokens.get()).toBeNull();
    expect(signedOut).toBe(1);
  });

  it("sends a query again after a network failure, a mutation never", async () => {
    let calls = 0;
    let failNext = false;
    const flaky: typeof fetch = (input, init) => {
      calls++;
      if (failNext) {
        failNext = false;
        return Promise.reject(new TypeError("fetch failed"));
      }
      return fetch(input, init);
    };
    const client = await signUp({ fetch: flaky, retryDelayMs: 10 });

    [calls, failNext] = [0, true];
    const { me } = await client.request(MyProgressDocument);
    expect(me.progress.level).toBe(1);
    expect(calls).toBe(2);

    [calls, failNext] = [0, true];
    const failure = await client
      .request(CreateCaptureDocument, { input: { type: "TEXT", content: PROSE } })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect(calls).toBe(1);
    const { captures } = await client.request(CapturesDocument, { first: 1 });
    expect(captures.totalCount).toBe(0);
  });

  it("replays an update made while it reconnects, before it has seen any event", async () => {
    const network = new Network();
    const client = await signUp({ subscriptions: { webSocketImpl: network.webSocketImpl() } });
    const [card] = await cardsOf(client);
    const userId = (await client.request(MyProgressDocument)).me.id;
    const seen: { points: number; meta: EventMeta }[] = [];
    client.subscribe(StreakUpdatedDocument, undefined, {
      next: (data: StreakUpdatedSubscription, meta) =>
        seen.push({ points: data.streakUpdated.points, meta }),
    });
    await waitForLive(stack.gateway, 1);

    network.cut();
    await client.request(ReviewFlashcardDocument, { input: { flashcardId: card!, quality: 4 } });
    const missed = await waitForStoredEvent(
      stack.nats.url,
      "progress.streak_updated",
      userId,
      (event) => event.data.points === 10,
    );
    network.offline = false;
    const replayed = await waitFor(() => seen.find((update) => update.points === 10), {
      timeoutMs: 20_000,
      what: "the update made while the socket was down",
    });
    expect(replayed.meta.eventId).toBe(missed.id);
    // Closed here, not at the end of the file: the next test counts the gateway's live
    // subscriptions, and this client's would come back after every token expiry.
    await client.dispose();
    await waitForLive(stack.gateway, 0);
  });

  it("keeps a subscription through token expiry and a dropped network, missing nothing", async () => {
    const network = new Network();
    const client = await signUp({ subscriptions: { webSocketImpl: network.webSocketImpl() } });
    // Two captures: four reviews need more cards than one capture may make.
    const cards = (
      await Promise.all([cardsOf(client), cardsOf(client, `${PROSE} Starch stores the glucose.`)])
    ).flat();
    const userId = (await client.request(MyProgressDocument)).me.id;
    const seen: { points: number; meta: EventMeta }[] = [];
    const errors: unknown[] = [];
    client.subscribe(StreakUpdatedDocument, undefined, {
      next: (data: StreakUpdatedSubscription, meta) =>
        seen.push({ points: data.streakUpdated.points, meta }),
      error: (error) => errors.push(error),
    });
    const review = (card: number) =>
      client.request(ReviewFlashcardDocument, { input: { flashcardId: cards[card]!, quality: 4 } });
    // The errors are read as the wait goes: an error instead of the update is the cause.
    const reached = (points: number) =>
      waitFor(
        () => {
          if (errors.length > 0) throw new Error(`subscription errors: ${JSON.stringify(errors)}`);
          return seen.find((update) => update.points === points);
        },
        { timeoutMs: 20_000, what: `the update to ${points} points` },
      );

    await waitForLive(stack.gateway, 1);
    await review(0);
    await reached(10);

    // The gateway closes the socket when the token expires (4401); the client refreshes it
    // and subscribes again.
    await expiry();
    await waitForLive(stack.gateway, 1);
    await review(1);
    await reached(20);

    // A drop: the update made meanwhile is stored, and replayed once the client is back.
    network.cut();
    await review(2);
    const missed = await waitForStoredEvent(
      stack.nats.url,
      "progress.streak_updated",
      userId,
      (event) => event.data.points === 30,
    );
    network.offline = false;
    expect((await reached(30)).meta.eventId).toBe(missed.id);

    await waitForLive(stack.gateway, 1);
    await review(3);
    await reached(40);
    expect(seen.map((update) => update.points)).toEqual([10, 20, 30, 40]);
    expect(errors).toEqual([]);
  });
});
