import { createPublicKey } from "node:crypto";
import webpush from "web-push";
import { z } from "zod";

/** A VAPID key pair (RFC 8292) as web-push and browsers want it: base64url, unpadded. */
export interface VapidKeys {
  /** The uncompressed P-256 point (65 bytes); browsers take it as `applicationServerKey`. */
  publicKey: string;
  /** The P-256 private scalar (32 bytes). */
  privateKey: string;
}

/** A new VAPID key pair; generate once per deployment and keep it (subscriptions are bound to it). */
export function generateVapidKeys(): VapidKeys {
  return webpush.generateVAPIDKeys();
}

const base64url = /^[A-Za-z0-9_-]+$/;

/** The bytes of unpadded base64url text, or undefined when it is not that. */
export function decodeBase64url(text: string): Buffer | undefined {
  return base64url.test(text) ? Buffer.from(text, "base64url") : undefined;
}

/** Whether `bytes` are an uncompressed point on P-256, as a p256dh or VAPID public key must be. */
export function isP256Point(bytes: Buffer | undefined): boolean {
  if (bytes?.length !== 65 || bytes[0] !== 0x04) return false;
  try {
    createPublicKey({
      key: {
        kty: "EC",
        crv: "P-256",
        x: bytes.subarray(1, 33).toString("base64url"),
        y: bytes.subarray(33).toString("base64url"),
      },
      format: "jwk",
    });
    return true;
  } catch {
    return false;
  }
}

export const vapidPublicKeySchema = z
  .string()
  .refine((key) => isP256Point(decodeBase64url(key)), "must be a base64url P-256 public key");

export const vapidPrivateKeySchema = z
  .string()
  .refine((key) => decodeBase64url(key)?.length === 32, "must be a base64url 32-byte private key");

/** RFC 8292 §2.1: the contact for the push service's operator, a mailto: or https: URL. */
export const vapidSubjectSchema = z
  .string()
  .refine((subject) => /^mailto:.+@.+/.test(subject) || /^https:\/\/.+/.test(subject), {
    message: "must be a mailto: or https: URL",
  });
