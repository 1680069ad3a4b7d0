import { badUserInput, serviceUnavailable, unauthenticated } from "@kai/errors";
import { parseInput } from "@kai/service";
import { z } from "zod";
import type { UsersContext } from "../context.ts";
import type { MutationResolvers } from "../generated/graphql.ts";
import { signInWithIdentity } from "../identities/sign-in-with-identity.ts";
import { ProviderUnavailable } from "../oidc/discovery.ts";
import { IdTokenRejected } from "../oidc/id-token-rejected.ts";
import type { VerifiedIdentity } from "../oidc/id-token-verifier.ts";

const loginWithIdTokenInput = z.object({
  provider: z.string().trim().min(1, "must not be empty"),
  // Real ID tokens are 1-2 KB; the bound keeps a junk payload away from the verifier.
  idToken: z.string().trim().min(1, "must not be empty").max(16_384, "is too long for an ID token"),
  nonce: z.string().max(512, "must be at most 512 characters").nullish(),
});

export const loginWithIdToken: MutationResolvers["loginWithIdToken"] = async (_, args, ctx) => {
  const input = parseInput(loginWithIdTokenInput, args.input);
  const identity = await verify(ctx, input.provider, input.idToken, input.nonce ?? undefined);
  const { how, session } = await signInWithIdentity(ctx.db, ctx.env, input.provider, identity, {
    userAgent: ctx.userAgent,
  });
  ctx.log.info(
    { userId: session.user.id, provider: input.provider, how },
    "signed in with an ID token",
  );
  return session;
};

/** Verifies the token, turning each refusal into the error the client is owed. */
async function verify(
  ctx: UsersContext,
  provider: string,
  idToken: string,
  nonce: string | undefined,
): Promise<VerifiedIdentity> {
  const { providers } = ctx.identityProviders;
  if (!providers.includes(provider)) {
    const known = providers.length > 0 ? `: use one of ${providers.join(", ")}` : "";
    throw badUserInput(`Unknown identity provider "${provider}"${known}`, "provider");
  }
  try {
    return await ctx.identityProviders.verify(provider, idToken, nonce);
  } catch (error) {
    if (error instanceof IdTokenRejected) {
      throw unauthenticated(error.message, { reason: error.problem });
    }
    if (error instanceof ProviderUnavailable) {
      ctx.log.warn({ err: error, provider }, "identity provider unavailable");
      throw serviceUnavailable(`The identity provider ${provider} could not be reached; try again`);
    }
    throw error;
  }
}
