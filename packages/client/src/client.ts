import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { getOperationAST } from "graphql";
import { GraphQLClient } from "graphql-request";
import { errorCode, isTransient } from "./errors.ts";
import { RefreshTokenDocument } from "./generated/graphql.ts";
import { documentIdOf, sendByDocumentId } from "./persisted.ts";
import { createSubscriptions, type Subscribe, type SubscriptionOptions } from "./subscriptions.ts";
import { memoryTokenStore, type TokenStore, type Tokens } from "./tokens.ts";

export interface KaiClientOptions {
  /** The gateway's GraphQL endpoint over HTTP, e.g. `http://localhost:4000/graphql`. */
  url: string;
  /** Where the tokens live. Default: in memory, for the client's lifetime. */
  tokens?: TokenStore;
  /**
   * Send generated documents by their manifest id (`documentId`) instead of their text.
   * Default true: a production gateway runs only persisted documents. Turn it off against a
   * gateway started without PERSISTED_DOCUMENTS.
   */
  persistedDocuments?: boolean;
  /**
   * How many more times a query is sent after a transient failure (network, 5xx,
   * SERVICE_UNAVAILABLE). Default 2. Mutations are never repeated: a lost answer does not
   * mean the change was not made.
   */
  queryRetries?: number;
  /** The wait before the first retry, doubled for each next one. Default 250 ms. */
  retryDelayMs?: number;
  /** The fetch to use. Default: the global one. */
  fetch?: typeof fetch;
  /** Called once the refresh token was refused and the tokens were cleared. */
  onSignedOut?(): void;
  /** Subscriptions over graphql-ws (their URL, the WebSocket implementation outside browsers). */
  subscriptions?: SubscriptionOptions;
}

/** Variables are required exactly when the operation declares a required one. */
export type VariablesOf<V> = Record<string, never> extends V ? [variables?: V] : [variables: V];

export interface KaiClient {
  tokens: TokenStore;
  /** Runs a query or mutation; a refused access token is refreshed once and the call repeated. */
  request<R, V extends Record<string, unknown>>(
    document: TypedDocumentNode<R, V>,
    ...variables: VariablesOf<V>
  ): Promise<R>;
  /** Exchanges the refresh token for a new pair; concurrent callers share one exchange. */
  refresh(): Promise<Tokens>;
  subscribe: Subscribe;
  /** Closes the subscriptions' socket. */
  dispose(): Promise<void>;
}

export function createKaiClient(options: KaiClientOptions): KaiClient {
  const tokens = options.tokens ?? memoryTokenStore();
  const retries = options.queryRetries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 250;
  let refreshing: Promise<Tokens> | undefined;

  function send<R, V>(document: TypedDocumentNode<R, V>, variables: V | undefined, token?: string) {
    const documentId = options.persistedDocuments === false ? undefined : documentIdOf(document);
    const http = new GraphQLClient(options.url, {
      ...(options.fetch ? { fetch: options.fetch } : {}),
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(documentId ? { requestMiddleware: sendByDocumentId(documentId) } : {}),
    });
    return http.request<R>(document, variables as Record<string, unknown> | undefined);
  }

  async function sendWithRetries<R, V>(
    document: TypedDocumentNode<R, V>,
    variables: V | undefined,
    token?: string,
  ): Promise<R> {
    const attempts = getOperationAST(document)?.operation === "query" ? retries + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await send(document, variables, token);
      } catch (error) {
        if (attempt >= attempts || !isTransient(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs * 2 ** (attempt - 1)));
      }
    }
  }

  async function exchange(refreshToken: string): Promise<Tokens> {
    try {
      const { refreshToken: pair } = await send(RefreshTokenDocument, { token: refreshToken });
      const next = { accessToken: pair.accessToken, refreshToken: pair.refreshToken };
      tokens.set(next);
      return next;
    } catch (error) {
      // Only a refused token signs out; a network failure leaves the session to try again.
      if (!isTransient(error)) {
        tokens.set(null);
        options.onSignedOut?.();
      }
      throw error;
    }
  }

  function refresh(): Promise<Tokens> {
    const current = tokens.get();
    if (!current) return Promise.reject(new Error("Not signed in: there is no refresh token"));
    refreshing ??= exchange(current.refreshToken).finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  }

  async function request<R, V extends Record<string, unknown>>(
    document: TypedDocumentNode<R, V>,
    ...[variables]: VariablesOf<V>
  ): Promise<R> {
    const sent = tokens.get();
    try {
      return await sendWithRetries(document, variables, sent?.accessToken);
    } catch (error) {
      if (!sent || errorCode(error) !== "UNAUTHENTICATED") throw error;
      // Another call may have refreshed meanwhile; its pair is as good as a new one.
      const fresh = tokens.get()?.accessToken !== sent.accessToken ? tokens.get() : await refresh();
      if (!fresh) throw error;
      return sendWithRetries(document, variables, fresh.accessToken);
    }
  }

  const subscriptions = createSubscriptions({
    url: options.url,
    tokens,
    refresh,
    ...options.subscriptions,
  });
  return {
    tokens,
    request,
    refresh,
    subscribe: subscriptions.subscribe,
    dispose: subscriptions.dispose,
  };
}
