import postgres from "postgres";

/**
 * Replicas starting together on a fresh server would each see the database missing and race
 * to create it; the loser's CREATE DATABASE fails on pg_database's unique index (23505), not
 * with 42P04. A session advisory lock on the server's `postgres` database makes them take turns
 * (CREATE DATABASE cannot run in a transaction, so the lock is not a transaction's).
 */
const CREATE_LOCK = "kai:create-database";

/** Creates the URL's database on its server when it is missing (each subgraph owns one). */
export async function ensureDatabaseExists(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  const exists = async () =>
    (await sql`select 1 from pg_database where datname = ${name}`).length > 0;
  try {
    if (await exists()) return;
    // The pool has one connection, so the lock, the check and the creation share a session;
    // closing the pool releases the lock even when a statement fails.
    await sql`select pg_advisory_lock(hashtext(${CREATE_LOCK}))`;
    if (!(await exists())) await sql.unsafe(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
