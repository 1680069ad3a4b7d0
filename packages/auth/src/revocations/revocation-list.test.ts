import { describe, expect, it } from "vitest";
import { RevocationList } from "./revocation-list.ts";

const ADA = "00000000-0000-4000-8000-00000000000a";
const GRACE = "00000000-0000-4000-8000-00000000000b";
const HOUR = 3_600_000;
const at = (ms: number) => new Date(ms);

function list(retainMs = 24 * HOUR) {
  let now = 100 * HOUR;
  const revocations = new RevocationList({ retainMs, now: () => now });
  return {
    revocations,
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("the revocation list", () => {
  it.each([
    { token: "issued before the cut-off", issuedAt: -1, revoked: true },
    { token: "issued at the cut-off", issuedAt: 0, revoked: false },
    { token: "issued after it (a new sign-in)", issuedAt: 1, revoked: false },
  ])("voids a token $token: $revoked", ({ issuedAt, revoked }) => {
    const { revocations, now } = list();
    const cutoff = now();
    revocations.revoke(ADA, at(cutoff));
    expect(revocations.isRevoked(ADA, at(cutoff + issuedAt))).toBe(revoked);
  });

  it("voids nothing of a user never revoked", () => {
    const { revocations, now } = list();
    revocations.revoke(ADA, at(now()));
    expect(revocations.isRevoked(GRACE, at(now() - HOUR))).toBe(false);
  });

  it("keeps the latest cut-off, whatever order they arrive in", () => {
    const { revocations, now } = list();
    expect(revocations.revoke(ADA, at(now()))).toBe(true);
    expect(revocations.revoke(ADA, at(now() - 1_000))).toBe(false);
    expect(revocations.isRevoked(ADA, at(now() - 1))).toBe(true);
    expect(revocations.revoke(ADA, at(now() + 1_000))).toBe(true);
    expect(revocations.isRevoked(ADA, at(now() + 999))).toBe(true);
  });

  it("tells listeners after the list changed, and only when it did", () => {
    const { revocations, now } = list();
    const seen: [string, boolean][] = [];
    const stop = revocations.onRevoked((userId) =>
      seen.push([userId, revocations.isRevoked(userId, at(now() - 1))]),
    );
    revocations.revoke(ADA, at(now()));
    revocations.revoke(ADA, at(now()));
    stop();
    revocations.revoke(GRACE, at(now()));
    expect(seen).toEqual([[ADA, true]]);
  });

  it("ignores a cut-off that is not an instant, or older than every live token", () => {
    const { revocations, now } = list(HOUR);
    expect(revocations.revoke(ADA, new Date("not a date"))).toBe(false);
    expect(revocations.revoke(ADA, at(now() - HOUR))).toBe(false);
    expect(revocations.size).toBe(0);
  });

  it("forgets cut-offs once every token they voided has expired", () => {
    const { revocations, now, advance } = list(HOUR);
    revocations.revoke(ADA, at(now()));
    advance(HOUR + 60_000);
    revocations.revoke(GRACE, at(now()));
    expect(revocations.size).toBe(1);
    expect(revocations.isRevoked(ADA, at(now() - 2 * HOUR))).toBe(false);
    expect(revocations.isRevoked(GRACE, at(now() - 1))).toBe(true);
  });
});
