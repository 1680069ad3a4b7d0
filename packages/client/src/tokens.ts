/** The pair a sign-in hands out: a short-lived access token and the refresh token behind it. */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

/**
 * Where a client keeps its tokens. The client reads it before every request and writes it
 * after a refresh, so a store backed by localStorage or a cookie survives reloads.
 */
export interface TokenStore {
  get(): Tokens | null;
  /** `null` signs out: the refresh token was refused. */
  set(tokens: Tokens | null): void;
}

/** A store that lives as long as the client; the default. */
export function memoryTokenStore(initial: Tokens | null = null): TokenStore {
  let tokens = initial;
  return {
    get: () => tokens,
    set: (next) => {
      tokens = next;
    },
  };
}
