import { type EventEnvelope, type EventType, parseEvent, streamOf, subjectOf } from "@kai/events";
import { waitFor } from "@kai/testkit";
import type { FormattedExecutionResult } from "graphql";
import { type Client, createClient } from "graphql-ws";
import { connect } from "nats";
import WebSocket from "ws";
import type { RunningGateway } from "../../gateway/src/app.ts";

type Result<T> = FormattedExecutionResult<T, Record<string, unknown>>;

export interface Feed<T> {
  results: Result<T>[];
  /** Resolves with the `count`-th result (1-based) once it has arrived. */
  nth(count: number): Promise<Result<T>>;
  /** Resolves with the first result that `accept`s, once it has arrived. */
  until(accept: (result: Result<T>) => boolean, what: string): Promise<Result<T>>;
  /** Errors the subscription ended with, if any. */
  error: unknown;
  completed: boolean;
  unsubscribe(): void;
}

export interface SocketOptions {
  token?: string;
  lastEventAt?: string;
  onClose?(event: { code: number; reason: string }): void;
}

/** A graphql-ws client of a gateway, as a mobile app would hold one. */
export function connectSocket(
  gateway: Pick<RunningGateway, "url">,
  options: SocketOptions = {},
): Client {
  return createClient({
    url: gateway.url.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.lastEventAt ? { lastEventAt: options.lastEventAt } : {}),
    },
    on: { closed: (event) => options.onClose?.(event as { code: number; reason: string }) },
  });
}

export function subscribe<T>(client: Client, query: string): Feed<T> {
  const arrived = <R>(find: () => R | undefined, what: string) =>
    waitFor(
      () => {
        if (feed.error !== undefined)
          throw new Error(`subscription failed: ${JSON.stringify(feed.error)}`);
        return find();
      },
      { timeoutMs: 10_000, what },
    );
  const feed: Feed<T> = {
    results: [],
    error: undefined,
    completed: false,
    nth: (count) => arrived(() => feed.results[count - 1], `subscription result ${count}`),
    until: (accept, what) => arrived(() => feed.results.find(accept), what),
    unsubscribe: () => {},
  };
  feed.unsubscribe = client.subscribe<T, Record<string, unknown>>(
    { query },
    {
      next: (result) => feed.results.push(result),
      error: (error) => {
        feed.error = error;
      },
      complete: () => {
        feed.completed = true;
      },
    },
  );
  return feed;
}

/**
 * Waits until the gateway holds exactly `count` live subscriptions: each listens to its NATS
 * subject from then on, so an event caused after this reaches it.
 */
export function waitForLive(gateway: RunningGateway, count: number): Promise<true> {
  return waitFor(() => (gateway.subscriptions.stats().subscriptions === count ? true : undefined), {
    what: `${count} live subscriptions (${JSON.stringify(gateway.subscriptions.stats())})`,
  });
}

/** Waits until the gateway holds no connection, subscription or NATS subject any more. */
export function waitForReleased(gateway: RunningGateway): Promise<true> {
  return waitFor(
    () => {
      const { connections, subscriptions, subjects } = gateway.subscriptions.stats();
      return connections + subscriptions + subjects === 0 ? true : undefined;
    },
    { what: "every connection, subscription and subject to be released" },
  );
}

/**
 * Waits until the owning JetStream stream holds the user's latest event of `type` and it is one
 * `accept` takes: from then on a replay finds it. (An event only published to subscribers
 * could still be on its way to the stream.)
 */
export async function waitForStoredEvent<T extends EventType>(
  natsUrl: string,
  type: T,
  userId: string,
  accept: (event: EventEnvelope<T>) => boolean,
): Promise<EventEnvelope<T>> {
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await nc.jetstreamManager();
    const stream = streamOf(type);
    return await waitFor(
      async () => {
        const message = await jsm.streams
          .getMessage(stream, { last_by_subj: subjectOf(type, userId) })
          .catch(() => undefined);
        const event = message ? parseEvent(type, message.json()) : undefined;
        return event && accept(event) ? event : undefined;
      },
      { what: `a stored ${type} event of user ${userId}` },
    );
  } finally {
    await nc.close();
  }
}
