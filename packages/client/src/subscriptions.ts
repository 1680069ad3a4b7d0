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
 * (`lastEventAt`), so after a drop the gateway replays what was missed before going live. A
 * close for a refused or expired token (4401) refreshes the token before reconnecting.
 */
export function createSubscriptions(wiring: Wiring) {
  let client: Client | undefined;
  let lastEventAt: string | undefined;
  let refreshBeforeConnect = false;

  const connect = () =>
    createClient({
      url: wiring.url.replace(/^http/, "ws"),
      ...(wiring.webSocketImpl ? { webSocketImpl: wiring.webSocketImpl } : {}),
      retryAttempts: wiring.retryAttempts ?? Number.POSITIVE_INFINITY,
      retryWait: (retries) =>
        new Promise((resolve) =>
          setTimeout(resolve, Math.min(MAX_RETRY_WAIT_MS, 1000 * 2 ** retries * Math.random())),
        ),
      shouldRetry: (event) => {
        const code = closeCodeOf(event);
        if (code === CloseCode.Unauthorized) {
          refreshBeforeConnect = true;
          return wiring.tokens.get() !== null;
        }
        // A refused request (e.g. connectionParams failed: the refresh token was refused) stays refused.
        return code !== CloseCode.BadRequest && code !== CloseCode.Forbidden;
      },
      connectionParams: async () => {
        if (refreshBeforeConnect) {
          refreshBeforeConnect = false;
          await wiring.refresh();
        }
        const token = wiring.tokens.get()?.accessToken;
        return {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(lastEventAt ? { lastEventAt } : {}),
        };
      },
    });

  const subscribe: Subscribe = (document, variables, sink) => {
    client ??= connect();
    return client.subscribe(
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
        error: (error) => sink.error?.(error),
        complete: () => sink.complete?.(),
      },
    );
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
