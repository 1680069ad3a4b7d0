import { bearerToken, type TokenVerifier, type Viewer } from "@kai/auth";
import type { Logger } from "@kai/service";

export interface GatewayContext {
  viewer: Viewer | null;
  /** The verified access token, forwarded to subgraphs. */
  token: string | undefined;
  requestId: string;
  log: Logger;
}

export async function createContext(
  verifier: TokenVerifier,
  log: Logger,
  requestId: string,
  authorization: string | undefined,
): Promise<GatewayContext> {
  const token = bearerToken(authorization);
  const viewer = token ? await verifier.verify(token) : null;
  return { viewer, token, requestId, log: log.child({ requestId, viewerId: viewer?.id }) };
}
