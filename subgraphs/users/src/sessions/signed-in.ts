import type { UserRow } from "../db/schema.ts";

// A symbol, so no column or JSON input can ever set it.
const SIGNED_IN = Symbol("signed in by this request");

/**
 * The user of a session this request has just started (register, login, refreshToken). The
 * request carried no access token, yet its caller has just proved to be this user, so the
 * payload's `user` shows them their own private fields like `me` would.
 */
export type SignedInUser = UserRow & { readonly [SIGNED_IN]: true };

export const signedIn = (user: UserRow): SignedInUser => ({ ...user, [SIGNED_IN]: true });

export const isSignedIn = (user: UserRow): user is SignedInUser => SIGNED_IN in user;
