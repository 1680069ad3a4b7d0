import { bearerToken, type TokenVerifier, type Viewer } from "@kai/auth";

/** What a client sends in graphql-ws's `connection_init` payload; anything, until read. */
export type ConnectionParams = Readonly<Record<string, unknown>> | undefined;

/** An authenticated connection: who it is, the token to forward, where to resume from. */
export interface Session {
  viewer: Viewer;
  /** The verified access token, forwarded to subgraphs with every event's execution. */
  token: string;
  /** `lastEventAt`: events after it are replayed before live ones; absent for a fresh start. */
  resumeAfter: Date | undefined;
}

/** Why a connection is refused; the socket adapter closes with 4401 and this as the reason. */
export const REFUSALS = {
  unauthenticated: "Unauthorized: send a valid access token in connectionParams",
  expired: "Unauthorized: access token expired",
  revoked: "Unauthorized: access token revoked",
} as const;

export type Refusal = (typeof REFUSALS)[keyof typeof REFUSALS];

/**
 * Authenticates a connection from its params: the token (as `authorization: "Bearer …"`,
 * `Authorization` or a bare `token`) must verify and still be valid at `now`. The verifier
 * checks expiry too; checking again against the core's clock keeps one notion of time.
 */
export async function authenticate(
  params: ConnectionParams,
  verifier: TokenVerifier,
  now: number,
): Promise<Session | Refusal> {
  const token = tokenOf(params);
  const viewer = token ? await verifier.verify(token).catch(() => undefined) : undefined;
  if (!token || !viewer) return REFUSALS.unauthenticated;
  if (viewer.expiresAt.getTime() <= now) return REFUSALS.expired;
  return { viewer, token, resumeAfter: resumeAfterOf(params) };
}

function tokenOf(params: ConnectionParams): string | undefined {
  const value = params?.authorization ?? params?.Authorization ?? params?.token;
  if (typeof value !== "string") return undefined;
  return bearerToken(value) ?? value;
}

/** A `lastEventAt` that is not an instant is ignored: the client then starts fresh. */
function resumeAfterOf(params: ConnectionParams): Date | undefined {
  const value = params?.lastEventAt;
  if (typeof value !== "string") return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
