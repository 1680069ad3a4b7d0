import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { notificationKind } from "./notification-kind.ts";

/** Who opts out of what: one user, one notification kind. */
export interface UnsubscribeClaim {
  userId: string;
  kind: string;
}

/**
 * Mixed into every MAC, so a token made with the same secret for another purpose can never
 * pass as an unsubscribe token. The version lets the format change without ambiguity.
 */
const PURPOSE = "kai:unsubscribe:v1";
/** HMAC-SHA256 keys shorter than this are guessable. */
export const MIN_SECRET_LENGTH = 32;
/** A real token is ~130 characters; anything far longer is not worth decoding. */
const MAX_TOKEN_LENGTH = 512;

const payload = z.object({ u: z.uuid(), k: notificationKind });

function mac(encodedPayload: string, secret: string): Buffer {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new RangeError(`an unsubscribe secret needs at least ${MIN_SECRET_LENGTH} characters`);
  }
  return createHmac("sha256", secret).update(`${PURPOSE}.${encodedPayload}`).digest();
}

/**
 * A token for an unsubscribe link: `<payload>.<mac>`, both base64url, so it needs no
 * escaping in a URL. It carries the user and kind and needs no database row: the route
 * that receives it verifies it with the secret alone. It does not expire (a mail may be
 * opened months later); rotating the secret retires every token made with the old one.
 */
export function signUnsubscribeToken(claim: UnsubscribeClaim, secret: string): string {
  const { u, k } = payload.parse({ u: claim.userId, k: claim.kind });
  const encoded = Buffer.from(JSON.stringify({ u, k })).toString("base64url");
  return `${encoded}.${mac(encoded, secret).toString("base64url")}`;
}

/**
 * The claim of a token made by `signUnsubscribeToken`, or undefined for anything else: a
 * tampered payload, a wrong MAC, garbage. Several secrets may be given while one is being
 * rotated out: a token made with any of them passes.
 */
export function verifyUnsubscribeToken(
  token: string,
  secrets: string | readonly string[],
): UnsubscribeClaim | undefined {
  if (token.length > MAX_TOKEN_LENGTH) return undefined;
  const [encoded, signature, ...rest] = token.split(".");
  if (!encoded || !signature || rest.length > 0) return undefined;
  // Compared as text, not decoded bytes: base64url decoding skips stray characters, and a
  // token should have exactly one spelling.
  const given = Buffer.from(signature);
  const valid = [secrets].flat().some((secret) => {
    const expected = Buffer.from(mac(encoded, secret).toString("base64url"));
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!valid) return undefined;
  try {
    const parsed = payload.safeParse(
      JSON.parse(Buffer.from(encoded, "base64url").toString("utf8")),
    );
    return parsed.success ? { userId: parsed.data.u, kind: parsed.data.k } : undefined;
  } catch {
    return undefined;
  }
}
