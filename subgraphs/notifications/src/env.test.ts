import { describe, expect, it } from "vitest";
import { loadNotificationsEnv } from "./env.ts";

describe("notifications env", () => {
  it("runs in development with nothing set: port 4005, no VAPID keys (a pair is made)", () => {
    const env = loadNotificationsEnv({ VAPID_PUBLIC_KEY: "", UNSUBSCRIBE_SECRET: "" });
    expect(env.PORT).toBe(4005);
    expect(env.VAPID_PUBLIC_KEY).toBeUndefined();
    expect(env.UNSUBSCRIBE_URL).toBe("http://localhost:4005/unsubscribe");
  });

  it("lists everything production lacks at once", () => {
    expect(() => loadNotificationsEnv({ NODE_ENV: "production" })).toThrow(
      /VAPID_PUBLIC_KEY[\s\S]*VAPID_SUBJECT[\s\S]*SMTP_URL[\s\S]*UNSUBSCRIBE_SECRET/,
    );
  });
});
