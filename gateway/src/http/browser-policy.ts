import cors from "cors";
import type { RequestHandler } from "express";
import helmet from "helmet";

/** The Next.js dev server: allowed outside production when CORS_ORIGINS is not set. */
const DEVELOPMENT_ORIGINS = ["http://localhost:3000"];

/**
 * CORS for the listed browser origins (preflight included; others get no allow-origin, so the
 * browser withholds the answer) and helmet's security headers. helmet's default content
 * policy (scripts and connections to this origin only) suits GraphiQL, which the gateway
 * serves entirely from its own assets.
 */
export function browserPolicy(
  origins: readonly string[] | undefined,
  production: boolean,
): RequestHandler[] {
  const allowed = new Set(origins ?? (production ? [] : DEVELOPMENT_ORIGINS));
  return [
    helmet(),
    cors({
      origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
      methods: ["GET", "POST", "OPTIONS"],
      allowedHeaders: ["authorization", "content-type", "x-request-id", "apollo-require-preflight"],
      exposedHeaders: ["x-request-id"],
      maxAge: 600,
    }),
  ];
}
