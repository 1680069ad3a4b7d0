import { hash } from "@node-rs/argon2";
import { beforeAll, describe, expect, it } from "vitest";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./password.ts";

const PASSWORD = "correct horse battery";

/** A PHC string: `$argon2id$v=19$m=…,t=…,p=…$<salt>$<hash>`, both base64 without padding. */
const PHC =
  /^\$(?<algorithm>[^$]+)\$v=(?<version>\d+)\$(?<params>[^$]+)\$(?<salt>[^$]+)\$(?<hash>[^$]+)$/;

function parse(phc: string) {
  const groups = PHC.exec(phc)?.groups;
  if (!groups) throw new Error(`not a PHC string: ${phc}`);
  const params = Object.fromEntries(
    (groups.params ?? "").split(",").map((pair) => pair.split("=") as [string, string]),
  );
  return {
    algorithm: groups.algorithm,
    version: Number(groups.version),
    params,
    saltBytes: Buffer.from(groups.salt ?? "", "base64").length,
    hashBytes: Buffer.from(groups.hash ?? "", "base64").length,
  };
}

describe("hashPassword", () => {
  it("uses argon2id (v1.3) with OWASP's baseline: 19 MiB, 2 passes, 1 lane", async () => {
    expect(parse(await hashPassword(PASSWORD))).toEqual({
      algorithm: "argon2id",
      version: 19,
      params: { m: "19456", t: "2", p: "1" },
      saltBytes: 16,
      hashBytes: 32,
    });
  });

  it("salts every hash: the same password never hashes the same twice", async () => {
    const hashes = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);
    expect(hashes[0]).not.toBe(hashes[1]);
    expect(new Set(hashes.map((phc) => PHC.exec(phc)?.groups?.salt)).size).toBe(2);
  });

  it("keeps no trace of the password in the hash", async () => {
    expect(await hashPassword(PASSWORD)).not.toContain(PASSWORD);
  });
});

describe("verifyPassword", () => {
  let stored: string;
  beforeAll(async () => {
    stored = await hashPassword(PASSWORD);
  });

  it.each([
    ["the right password", PASSWORD, true],
    ["a wrong password", "incorrect horse battery", false],
    ["the password in another case", PASSWORD.toUpperCase(), false],
    ["the password with a trailing space", `${PASSWORD} `, false],
    ["an empty password", "", false],
  ])("answers %s with %s", async (_, attempt, expected) => {
    expect(await verifyPassword(stored, attempt)).toBe(expected);
  });

  it.each([
    ["garbage", "not a hash"],
    ["an empty hash", ""],
    ["a truncated hash", "$argon2id$v=19$m=19456,t=2,p=1$"],
  ])("answers false, not an error, for %s stored", async (_, broken) => {
    await expect(verifyPassword(broken, PASSWORD)).resolves.toBe(false);
  });

  it("accepts hashes made with other parameters, so the baseline can be raised later", async () => {
    const older = await hash(PASSWORD, { memoryCost: 8_192, timeCost: 1, parallelism: 1 });
    expect(await verifyPassword(older, PASSWORD)).toBe(true);
  });
});

describe("burnPasswordCheck", () => {
  // Even for the decoy's own password: no account stands behind it.
  it.each([PASSWORD, "kai-decoy-password", ""])("is false for %j", async (attempt) => {
    expect(await burnPasswordCheck(attempt)).toBe(false);
  });
});
