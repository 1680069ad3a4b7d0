import { bearerToken, type TokenVerifier, type Viewer } from "@kai/auth";
import type { Logger } from "@kai/service";

export interface GatewayContext {
  viewer: Viewer | null;
  /** The verified access token, forwarded to subgraphs. */
  token: string | undefined;
  requestId: string;
  log: Logger;
  /** The document came by id from the persisted-documents manifest. */
  persistedDocument: boolean;
  /** The client's IP address, forwarded to subgraphs for their per-client rate limits. */
  clientAddress?: string;
}

export async function createContext(
  verifier: TokenVerifier,
  log: Logger,
  requestId: string,
  authorization: string | undefined,
  persistedDocument: boolean,
  clientAddress?: string,
): Promise<GatewayContext> {
  const token = bearerToken(authorization);
  const viewer = token ? await verifier.verify(token) : null;
  return {
    viewer,
    token,
    requestId,
    log: log.child({ requestId, viewerId: viewer?.id }),
    persistedDocument,
    ...(clientAddress && { clientAddress }),
  };
}
