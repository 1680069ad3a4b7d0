import postgres from "postgres";

const DUPLICATE_DATABASE = "42P04";

/** Creates the URL's database on its server when it is missing (each subgraph owns one). */
export async function ensureDatabaseExists(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    const found = await sql`select 1 from pg_database where datname = ${name}`;
    if (found.length > 0) return;
    await sql.unsafe(`create database "${name.replaceAll('"', '""')}"`).catch((error: unknown) => {
      if ((error as { code?: string }).code !== DUPLICATE_DATABASE) throw error;
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}
