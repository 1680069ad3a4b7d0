import type { Db } from "@kai/db";
import { loadRowsByKey } from "@kai/service";
import type { UsersSchema } from "./db/tables.ts";
import { findUsersByIds } from "./db/users.repo.ts";

export function createLoaders(db: Db<UsersSchema>) {
  return {
    userById: loadRowsByKey(
      (ids: readonly string[]) => findUsersByIds(db, ids),
      (user) => user.id,
    ),
  };
}
