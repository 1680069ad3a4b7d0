import type { Resolvers } from "../generated/graphql.ts";
import { User } from "./user.ts";

export const resolvers: Resolvers = {
  User,
};
