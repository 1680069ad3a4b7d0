import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./open-database.ts";
import { probeSchema } from "./testing/probe-schema.ts";

const server = new URL(
  process.env.TEST_DATABASE_URL ??
    process.env.DATABASE_URL ??
    "postgres://postgres@127.0.0.1:5432/postgres",
);
const REPLICAS = 6;
const names: string[] = [];

afterAll(async () => {
  server.pathname = "/postgres";
  const admin = postgres(server.toString(), { max: 1, onnotice: () => {} });
  try {
    for (const name of names) await admin.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
});

function databaseUrl(): string {
  const name = `kai_test_replicas_${randomBytes(4).toString("hex")}`;
  names.push(name);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

const open = (url: string) =>
  openDatabase({
    url,
    pgliteDir: "",
    migrationsFolder: new URL("./testing/migrations", import.meta.url).pathname,
    schema: probeSchema,
    maxConnections: 2,
  });

describe("replicas opening a database that does not exist yet", () => {
  it("all come up: one creates it, one migrates it, none fails", async () => {
    const url = databaseUrl();
    const opened = await Promise.allSettled(Array.from({ length: REPLICAS }, () => open(url)));
    const databases = opened.flatMap((result) =>
      result.status === "fulfilled" ? [result.value] : [],
    );
    try {
      expect(opened.filter((result) => result.status === "rejected")).toEqual([]);
      const check = postgres(url, { max: 1 });
      try {
        const applied =
          await check`select count(*)::int as count from drizzle.__drizzle_migrations`;
        expect([...applied]).toEqual([{ count: 1 }]);
      } finally {
        await check.end({ timeout: 5 });
      }
    } finally {
      await Promise.all(databases.map((database) => database.close()));
    }
  });

  it("several databases created at once on one server do not collide", async () => {
    const urls = Array.from({ length: REPLICAS }, () => databaseUrl());
    const opened = await Promise.allSettled(urls.flatMap((url) => [open(url), open(url)]));
    const databases = opened.flatMap((result) =>
      result.status === "fulfilled" ? [result.value] : [],
    );
    try {
      expect(opened.filter((result) => result.status === "rejected")).toEqual([]);
    } finally {
      await Promise.all(databases.map((database) => database.close()));
    }
  });
});
