import type { Db, DbOrTx } from "@kai/db";
import { badUserInput, forbidden } from "@kai/errors";
import { createAccount } from "../accounts/create-account.ts";
import { findIdentity, insertIdentity } from "../db/identities.repo.ts";
import type { UserRow } from "../db/schema.ts";
import type { UsersSchema } from "../db/tables.ts";
import { findUserByEmail, findUsersByIds, updateCredentials } from "../db/users.repo.ts";
import type { UsersEnv } from "../env.ts";
import type { VerifiedIdentity } from "../oidc/id-token-verifier.ts";
import { displayName, email as emailInput } from "../resolvers/inputs.ts";
import { type IssuedSession, type SessionOrigin, startSession } from "../sessions/start-session.ts";

/** How the account was found: logged, and what a test can tell apart. */
export type IdentitySignIn = "SIGNED_IN" | "LINKED" | "CREATED";

export interface IdentitySession {
  how: IdentitySignIn;
  session: IssuedSession;
}

/**
 * A concurrent sign-in of the same person made the account or the link first. Thrown, so the
 * transaction rolls back whatever this attempt wrote, and the next attempt finds theirs.
 */
class Raced extends Error {}

/**
 * Signs in the person a verified ID token names, in one transaction:
 * - a (provider, subject) already linked signs in its user;
 * - else an account with the token's email is linked, but only when the provider verified
 *   that email: otherwise anyone who could get a provider to state a victim's address would
 *   take over the victim's account;
 * - else a new account is made (no password), exactly as register makes one.
 * Two first sign-ins of one person at once cannot make two accounts: the loser's insert
 * conflicts, and its second attempt finds what the winner committed.
 */
export async function signInWithIdentity(
  db: Db<UsersSchema>,
  env: UsersEnv,
  provider: string,
  identity: VerifiedIdentity,
  origin: Pick<SessionOrigin, "userAgent"> = {},
): Promise<IdentitySession> {
  const attempt = () =>
    db.transaction(async (tx) => {
      const { how, user } = await accountFor(tx, env, provider, identity);
      return { how, session: await startSession(tx, env, user, origin) };
    });
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof Raced)) throw error;
    return attempt();
  }
}

async function accountFor(
  tx: DbOrTx<UsersSchema>,
  env: UsersEnv,
  provider: string,
  identity: VerifiedIdentity,
): Promise<{ how: IdentitySignIn; user: UserRow }> {
  const linked = await findIdentity(tx, provider, identity.subject);
  if (linked) {
    const [user] = await findUsersByIds(tx, [linked.userId]);
    // The row cascades away with its user, so a linked identity always has one.
    if (!user) throw new Error(`identity ${provider}/${identity.subject} has no user`);
    return { how: "SIGNED_IN", user };
  }
  const email = emailInput.safeParse(identity.email).data;
  if (!email) {
    throw badUserInput(
      "The ID token carries no email address, which a new Kai account needs; allow the email scope",
      "idToken",
    );
  }
  const link = { provider, subject: identity.subject, email };
  const existing = await findUserByEmail(tx, email);
  if (existing) {
    if (!identity.emailVerified) {
      throw forbidden(
        "An account with this email exists, and the provider has not verified that the email is yours: sign in with the account's password, or verify the email at the provider first",
        { reason: "EMAIL_NOT_VERIFIED" },
      );
    }
    if (!(await insertIdentity(tx, { ...link, userId: existing.id }))) throw new Raced();
    // The provider vouches that this person controls the address: as good as our own link.
    const user = existing.emailVerified
      ? existing
      : await updateCredentials(tx, existing.id, { emailVerified: true });
    return { how: "LINKED", user: user ?? existing };
  }
  const user = await createAccount(tx, env, {
    email,
    name: nameOf(identity, email),
    passwordHash: null,
    timezone: "UTC",
    emailVerified: identity.emailVerified,
  });
  if (!user || !(await insertIdentity(tx, { ...link, userId: user.id }))) throw new Raced();
  return { how: "CREATED", user };
}

/** The token's name when it makes a valid display name, else the email's local part. */
function nameOf(identity: VerifiedIdentity, email: string): string {
  const named = displayName.safeParse(identity.name?.slice(0, 100));
  return named.success ? named.data : (email.split("@")[0] ?? email);
}
