export type SubgraphName =
  | "users"
  | "captures"
  | "learning"
  | "progress"
  | "notifications"
  | "analytics";

/**
 * Where a subgraph's own database lives: `<SUBGRAPH>_DATABASE_URL` when set, else the
 * `kai_<subgraph>` database on the `DATABASE_URL` server, else undefined (embedded PGlite).
 */
export function databaseUrlFor(
  subgraph: SubgraphName,
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  const own = env[`${subgraph.toUpperCase()}_DATABASE_URL`];
  if (own) return own;
  if (!env.DATABASE_URL) return undefined;
  const url = new URL(env.DATABASE_URL);
  url.pathname = `/kai_${subgraph}`;
  return url.toString();
}
