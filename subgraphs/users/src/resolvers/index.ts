import { DateTime } from "@kai/service";
import type { Resolvers } from "../generated/graphql.ts";
import { login } from "./mutation-login.ts";
import { loginWithIdToken } from "./mutation-login-with-id-token.ts";
import { logout } from "./mutation-logout.ts";
import { refreshToken } from "./mutation-refresh-token.ts";
import { register } from "./mutation-register.ts";
import { updateMe } from "./mutation-update-me.ts";
import { me } from "./query-me.ts";
import { User } from "./user.ts";

export const resolvers: Resolvers = {
  DateTime,
  Query: { me },
  Mutation: { register, login, refreshToken, logout, updateMe, loginWithIdToken },
  User,
};
