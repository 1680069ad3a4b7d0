import { DateTime } from "@kai/service";
import type { Resolvers } from "../generated/graphql.ts";
import { changePassword } from "./mutation-change-password.ts";
import { deleteAccount } from "./mutation-delete-account.ts";
import { login } from "./mutation-login.ts";
import { loginWithIdToken } from "./mutation-login-with-id-token.ts";
import { logout } from "./mutation-logout.ts";
import { refreshToken } from "./mutation-refresh-token.ts";
import { register } from "./mutation-register.ts";
import { requestEmailVerification } from "./mutation-request-email-verification.ts";
import { requestPasswordReset } from "./mutation-request-password-reset.ts";
import { resetPassword } from "./mutation-reset-password.ts";
import { revokeSession } from "./mutation-revoke-session.ts";
import { setUserRole } from "./mutation-set-user-role.ts";
import { updateMe } from "./mutation-update-me.ts";
import { verifyEmail } from "./mutation-verify-email.ts";
import { me } from "./query-me.ts";
import { Session } from "./session.ts";
import { User } from "./user.ts";

export const resolvers: Resolvers = {
  DateTime,
  Query: { me },
  Mutation: {
    register,
    login,
    refreshToken,
    logout,
    updateMe,
    loginWithIdToken,
    requestEmailVerification,
    verifyEmail,
    requestPasswordReset,
    resetPassword,
    changePassword,
    revokeSession,
    deleteAccount,
    setUserRole,
  },
  User,
  Session,
};
