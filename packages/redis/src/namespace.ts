/** Every Kai key starts here, so Kai's keys are told apart from anything else in a shared Redis. */
const ROOT = "kai";

// Parts are joined with ":", so none may contain one (nor spaces, which make keys hard to type).
const PART = /^[A-Za-z0-9_.-]+$/;

/**
 * The namespace of the keys one owner writes: `kai:<owner>` or `kai:<owner>:<databaseId>`.
 *
 * `owner` is the subgraph whose data the keys cache. `databaseId` identifies the database
 * that data comes from (an id created once inside it): keys holding that database's ids (user
 * ids on a leaderboard) must pass it, so a Redis shared with another deployment, or one that
 * outlives a database reset, never hands out ids of users this database does not have.
 */
export function redisNamespace(owner: string, databaseId?: string): string {
  const parts = databaseId === undefined ? [ROOT, owner] : [ROOT, owner, databaseId];
  for (const part of parts) {
    if (!PART.test(part)) throw new Error(`Invalid Redis namespace part: "${part}"`);
  }
  return parts.join(":");
}
