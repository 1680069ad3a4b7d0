export type Role = "USER" | "ANALYST" | "ADMIN";

/** The authenticated caller, as proven by a verified access token. */
export interface Viewer {
  id: string;
  role: Role;
  /** When the access token stops being valid; long-lived subscriptions end then. */
  expiresAt: Date;
  /** The session (sign-in) the token was issued to: its `sid` claim, when it has one. */
  sessionId?: string;
}

export const TOKEN_ISSUER = "kai-users";
export const TOKEN_AUDIENCE = "kai";
