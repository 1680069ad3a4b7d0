import { hashRefreshToken, newRefreshToken } from "./refresh-token.ts";

/** How long a mailed link works: a day to confirm an address, an hour to reset a password. */
export const ACCOUNT_TOKEN_TTL_MINUTES = {
  VERIFY_EMAIL: 24 * 60,
  RESET_PASSWORD: 60,
} as const;

/** The pages of the web app the mailed links open (`${PUBLIC_APP_URL}/<path>?token=…`). */
export const ACCOUNT_LINK_PATHS = {
  VERIFY_EMAIL: "verify-email",
  RESET_PASSWORD: "reset-password",
  /** Where a password-changed mail sends someone who did not change it. */
  FORGOT_PASSWORD: "forgot-password",
} as const;

/** Made and stored like refresh tokens: 256 random bits in the link, only a SHA-256 kept. */
export const newAccountToken = newRefreshToken;
export const hashAccountToken = hashRefreshToken;
