/**
 * The root fields a caller may use without an access token: signing up, signing in and the
 * mailed-link flows. The gateway refuses every other anonymous operation before planning it,
 * and each subgraph checks the same list again, so a subgraph's port reached directly opens
 * nothing more. Declared once here, so the two checks cannot drift apart.
 */
export const PUBLIC_ROOT_FIELDS: readonly string[] = [
  "Mutation.register",
  "Mutation.login",
  "Mutation.refreshToken",
  "Mutation.logout",
  // The ID token proves the caller; it is how a signed-out user signs in.
  "Mutation.loginWithIdToken",
  // A mailed token proves the caller, who may open the link on a device that is signed out.
  "Mutation.verifyEmail",
  "Mutation.requestPasswordReset",
  "Mutation.resetPassword",
];
