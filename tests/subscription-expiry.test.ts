import { waitFor } from "@kai/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { register } from "./support/operations.ts";
import { type Stack, startStack } from "./support/stack.ts";
import { connectSocket, subscribe, waitForReleased } from "./support/subscriptions.ts";

const TOKEN_SECONDS = 3;
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ env: { ACCESS_TOKEN_TTL_SECONDS: String(TOKEN_SECONDS) } });
});
afterAll(() => stack?.stop());

describe("a long-lived subscription", () => {
  it("end the stream cleanly when the access token expires", async () => {
    const fresh = await register(stack, "Brief");
    let closed: { code: number; reason: string } | undefined;
    const socket = connectSocket(stack.gateway, {
      token: fresh.accessToken,
      onClose: (event) => {
        closed = event;
      },
    });
    subscribe(socket, "subscription { streakUpdated { points } }");
    const event = await waitFor(() => closed, {
      timeoutMs: (TOKEN_SECONDS + 5) * 1000,
      what: "the socket to close",
    });
    expect(event.code).toBe(4401);
    expect(event.reason).toMatch(/expired/);
    await waitForReleased(stack.gateway);
    await socket.dispose();
  });
});
