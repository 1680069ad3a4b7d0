import { createLogger } from "@kai/logger";
import { type RedisServer, startRedisServer, waitFor } from "@kai/testkit";
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AttemptLimiterOptions, createAttemptLimiter } from "./attempt-limiter.ts";
import { connectRedis } from "./connect-redis.ts";

const log = createLogger("attempt-limiter-test", "silent");
let server: RedisServer;
let redis: Redis;

beforeAll(async () => {
  server = await startRedisServer();
});

afterAll(() => server?.dispose());

// Each test on an empty Redis, through the client the services use (namespaced, fail-fast).
beforeEach(async () => {
  redis = connectRedis(server.url, log, { namespace: "test", purpose: "nothing" });
  await new Promise((resolve) => redis.once("ready", resolve));
});

afterEach(async () => {
  await redis.flushall().catch(() => {});
  redis.disconnect();
});

const limiter = (options: Partial<AttemptLimiterOptions> = {}) =>
  createAttemptLimiter(redis, log, { name: "login", limit: 3, windowSeconds: 60, ...options });

async function fail(
  limiter: { recordFailure(key: string): Promise<void> },
  key: string,
  times: number,
) {
  for (let i = 0; i < times; i++) await limiter.recordFailure(key);
}

describe("the attempt limiter", () => {
  it.each([
    { failures: 0, blocked: false },
    { failures: 1, blocked: false },
    { failures: 2, blocked: false },
    { failures: 3, blocked: true },
    { failures: 7, blocked: true },
  ])(
    "after $failures failures of a limit of 3: blocked $blocked",
    async ({ failures, blocked }) => {
      const login = limiter();
      await fail(login, "ada@example.com", failures);
      const wait = await login.blockedFor("ada@example.com");
      if (blocked) {
        // Seconds until the window ends: within it, never zero while blocked.
        expect(wait).toBeGreaterThan(0);
        expect(wait).toBeLessThanOrEqual(60);
      } else {
        expect(wait).toBe(0);
      }
    },
  );

  it("counts each email apart", async () => {
    const login = limiter();
    await fail(login, "ada@example.com", 3);
    expect(await login.blockedFor("ada@example.com")).toBeGreaterThan(0);
    expect(await login.blockedFor("bo@example.com")).toBe(0);
  });

  it("counts each limiter apart", async () => {
    const [login, reset] = [limiter(), limiter({ name: "reset" })];
    await fail(login, "ada@example.com", 3);
    expect(await reset.blockedFor("ada@example.com")).toBe(0);
  });

  it("keeps one window from the first failure: later failures do not extend it", async () => {
    const login = limiter({ windowSeconds: 60 });
    await fail(login, "ada@example.com", 1);
    const key = "limit:login:ada@example.com";
    await redis.expire(key, 30);
    await fail(login, "ada@example.com", 2);
    expect(await redis.ttl(key)).toBeLessThanOrEqual(30);
  });

  it("lets the key try again once its window has passed, counting from zero", async () => {
    const login = limiter({ windowSeconds: 2 });
    await fail(login, "ada@example.com", 3);
    expect(await login.blockedFor("ada@example.com")).toBeGreaterThan(0);
    await waitFor(
      async () => ((await login.blockedFor("ada@example.com")) === 0 ? true : undefined),
      {
        timeoutMs: 5_000,
        what: "the window to pass",
      },
    );
    await fail(login, "ada@example.com", 2);
    expect(await login.blockedFor("ada@example.com")).toBe(0);
  });

  it("lets attempts through while Redis is down rather than lock everyone out", async () => {
    const login = limiter();
    await fail(login, "ada@example.com", 3);
    await server.stop();
    try {
      await waitFor(() => (redis.status === "ready" ? undefined : true), {
        what: "the client to notice",
      });
      await expect(login.recordFailure("ada@example.com")).resolves.toBeUndefined();
      expect(await login.blockedFor("ada@example.com")).toBe(0);
    } finally {
      await server.restart();
    }
  });
});
