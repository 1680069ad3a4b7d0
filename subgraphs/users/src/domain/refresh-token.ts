import { createHash, randomBytes } from "node:crypto";

/** A new opaque refresh token: 256 random bits, URL-safe. */
export const newRefreshToken = (): string => randomBytes(32).toString("base64url");

/** Only hashes are stored, so a database leak yields no usable tokens. */
export const hashRefreshToken = (token: string): string =>
  createHash("sha256").update(token).digest("base64url");
