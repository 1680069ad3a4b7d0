import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { type Client, CloseCode, createClient } from "graphql-ws";
import type { TokenStore, Tokens } from "./tokens.ts";

export interface SubscriptionOptions {
  /** The graphql-ws endpoint. Default: the HTTP url with ws(s) as its scheme. */
  url?: string;
  /** A WebSocket class where there is no global one (Node 20: the `ws` package). */
  webSocketImpl?: unknown;
  /** Reconnect attempts after the socket drops. Default: no limit (waits grow to 30 s). */
  retryAttempts?: number;
}

/** Where a pushed result came from: the event's id and time (what a resume replays after). */
export interface EventMeta {
  eventId?: string;
  occurredAt?: string;
}

export interface SubscriptionSink<R> {
  next(data: R, meta: EventMeta): void;
  /** The subscription ended with errors, or the connection could not be made again. */
  error?(error: unknown): void;
  complete?(): void;
}

export type Subscribe = <R, V extends Record<string, unknown>>(
  document: TypedDocumentNode<R, V>,
  variables: V | undefined,
  sink: SubscriptionSink<R>,
) => () => void;

interface Wiring extends SubscriptionOptions {
  url: string;
  tokens: TokenStore;
  refresh(): Promise<Tokens>;
}

const MAX_RETRY_WAIT_MS = 30_000;

const closeCodeOf = (event: unknown) =>
  typeof event === "object" && event !== null && "code" in event ? event.code : undefined;

/**
 * One graphql-ws connection for every subscription of a client, opened on the first subscribe.
 * Each connect sends the current access token and the time of the newest event seen
 * (`lastEventAt`; before the first event, the server time the first connection was accepted
 * at), so after a drop the gateway replays what was missed before going live.
 * graphql-ws reconnects by itself after a drop, but treats a close for a refused or expired
 * token (4401) as final: then the token is refreshed and the subscriptions made again.
 */
export function createSubscriptions(wiring: Wiring) {
  let client: Client | undefined;
  let lastEventAt: string | undefined;
  /** The 4401 close being recovered from: every subscription gets the same event. */
  let recovery: { close: unknown; refreshed: Promise<unknown> } | undefined;
  /** 4401 closes since the last accepted connection; a second means the new token failed too. */
  let refusals = 0;

  const connect = () =>
    createClient({
      url: wiring.url.replace(/^http/, "ws"),
      ...(wiring.webSocketImpl ? { webSocketImpl: wiring.webSocketImpl } : {}),
      retryAttempts: wiring.retryAttempts ?? Number.POSITIVE_INFINITY,
      retryWait: (retries) =>
        new Promise((resolve) =>
          setTimeout(resolve, Math.min(MAX_RETRY_WAIT_MS, 1000 * 2 ** retries * Math.random())),
        ),
      // graphql-ws already gives up at once on the closes that mean "do not retry".
      shouldRetry: () => true,
      on: {
        connected: (_socket, payload) => {
          refusals = 0;
          // Before any event arrives, the resume point is when the gateway first accepted us:
          // an event published while the socket reconnects is then replayed, not lost.
          if (!lastEventAt && typeof payload?.serverTime === "string") {
            lastEventAt = payload.serverTime;
          }
        },
      },
      connectionParams: () => {
        const token = wiring.tokens.get()?.accessToken;
        return {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(lastEventAt ? { lastEventAt } : {}),
        };
      },
    });

  /** Resolves once a fresh token is in the store; rejects when there is none to be had. */
  function recoverFrom(close: unknown): Promise<unknown> {
    if (recovery && recovery.close === close) return recovery.refreshed;
    refusals++;
    const refreshed =
      refusals > 1 || !wiring.tokens.get() ? Promise.reject(close) : wiring.refresh();
    recovery = { close, refreshed };
    return refreshed;
  }

  const subscribe: Subscribe = (document, variables, sink) => {
    let unsubscribe = () => {};
    let ended = false;
    const start = () => {
      client ??= connect();
      unsubscribe = client.subscribe(
        { query: print(document), ...(variables ? { variables } : {}) },
        {
          next: (result) => {
            const meta = (result.extensions ?? {}) as EventMeta;
            if (meta.occurredAt && (!lastEventAt || meta.occurredAt > lastEventAt)) {
              lastEventAt = meta.occurredAt;
            }
            if (result.errors?.length) sink.error?.(result.errors);
            else if (result.data) sink.next(result.data as never, meta);
          },
          error: (error) => {
            if (ended) return;
            if (closeCodeOf(error) !== CloseCode.Unauthorized) return sink.error?.(error);
            recoverFrom(error).then(
              () => !ended && start(),
              () => sink.error?.(error),
            );
          },
          complete: () => sink.complete?.(),
        },
      );
    };
    start();
    return () => {
      ended = true;
      unsubscribe();
    };
  };

  /** Closes the socket and forgets the resume point (e.g. on sign-out). */
  async function dispose() {
    const closing = client;
    client = undefined;
    lastEventAt = undefined;
    await closing?.dispose();
  }

  return { subscribe, dispose };
}
