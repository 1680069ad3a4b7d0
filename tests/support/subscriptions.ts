import { waitFor } from "@kai/testkit";
import type { FormattedExecutionResult } from "graphql";
import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import type { RunningGateway } from "../../gateway/src/app.ts";

export interface Feed<T> {
  results: FormattedExecutionResult<T, Record<string, unknown>>[];
  /** Resolves with the `count`-th result (1-based) once it has arrived. */
  nth(count: number): Promise<FormattedExecutionResult<T, Record<string, unknown>>>;
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
export function connectSocket(gateway: RunningGateway, options: SocketOptions = {}): Client {
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
  const feed: Feed<T> = {
    results: [],
    error: undefined,
    completed: false,
    async nth(count) {
      await waitFor(
        () => (feed.error !== undefined || feed.results.length >= count ? true : undefined),
        {
          timeoutMs: 10_000,
          what: `subscription result ${count}`,
        },
      );
      if (feed.error !== undefined)
        throw new Error(`subscription failed: ${JSON.stringify(feed.error)}`);
      return feed.results[count - 1]!;
    },
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
