import { execFile } from "node:child_process";
import { createDecipheriv, createECDH, hkdfSync, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { Agent, createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/** A browser's push subscription, as a client would register it (base64url keys). */
export interface TestPushSubscription {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** One request the push service received. */
export interface ReceivedPush {
  /** The subscription's endpoint the request was for. */
  endpoint: string;
  /** Lower-cased header names, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
  /** The body as sent (aes128gcm ciphertext with its header). */
  body: Buffer;
  /** The plaintext, decrypted per RFC 8291 with the subscription's private key; undefined if that failed. */
  payload: string | undefined;
  /** Why decryption failed, when it did (a wrong key, another content encoding). */
  decryptError: string | undefined;
  /** `t` and `k` of an `Authorization: vapid t=…, k=…` header (RFC 8292), if present. */
  vapid: { token: string; publicKey: string } | undefined;
  /** The status it was answered with. */
  status: number;
}

/** How the service answers a request; `retryAfter` becomes the Retry-After header. */
export interface PushReply {
  status: number;
  retryAfter?: number | string;
  body?: string;
}

export interface TestPushService {
  /** `https://127.0.0.1:<port>`: the audience (`aud`) of VAPID tokens for its endpoints. */
  origin: string;
  /** The throwaway self-signed certificate (PEM) the service speaks TLS with. */
  ca: string;
  /** An https.Agent trusting `ca`, for web-push's `agent` option in this process. */
  agent: Agent;
  /**
   * A file holding the certificates NODE_EXTRA_CA_CERTS named when the test started plus
   * `ca`: set NODE_EXTRA_CA_CERTS to it for a child process (Node reads it only at start).
   */
  caBundleFile: string;
  /** A new subscription with a real P-256 key pair and auth secret; its payloads are decrypted. */
  subscribe(): TestPushSubscription;
  /**
   * Answers the next requests (for `endpoint`, or for any endpoint) with these replies in
   * order; after them, 201 Created as usual.
   */
  script(replies: PushReply[], endpoint?: string): void;
  /** Every request, in order of arrival. */
  received: ReceivedPush[];
  dispose(): Promise<void>;
}

const run = promisify(execFile);

/** A self-signed P-256 certificate for 127.0.0.1 and localhost, valid for a day, via openssl. */
async function throwawayCertificate(dir: string): Promise<{ key: string; cert: string }> {
  const keyFile = join(dir, "key.pem");
  const certFile = join(dir, "cert.pem");
  await run("openssl", [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-days",
    "1",
    "-subj",
    "/CN=kai test push service",
    "-addext",
    "subjectAltName=IP:127.0.0.1,DNS:localhost",
    "-keyout",
    keyFile,
    "-out",
    certFile,
  ]);
  return { key: await readFile(keyFile, "utf8"), cert: await readFile(certFile, "utf8") };
}

interface SubscriptionKeys {
  ecdh: ReturnType<typeof createECDH>;
  publicKey: Buffer;
  auth: Buffer;
}

/**
 * RFC 8291 §3.4 + RFC 8188: the aes128gcm body is salt(16) | rs(4) | idlen(1) | keyid (the
 * sender's ephemeral public key) | records; each record is AES-128-GCM with a nonce XORed by
 * its sequence number, its plaintext padded with a delimiter (2 for the last record, else 1).
 * Written here from the RFCs rather than with web-push's own http_ece, so the test checks
 * web-push against the spec, not against itself.
 */
function decryptAes128gcm(body: Buffer, keys: SubscriptionKeys): string {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body.readUInt8(20);
  const senderPublicKey = body.subarray(21, 21 + idlen);
  const records = body.subarray(21 + idlen);
  const ecdhSecret = keys.ecdh.computeSecret(senderPublicKey);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), keys.publicKey, senderPublicKey]);
  const ikm = Buffer.from(hkdfSync("sha256", ecdhSecret, keys.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, "Content-Encoding: aes128gcm\0", 16));
  const baseNonce = Buffer.from(hkdfSync("sha256", ikm, salt, "Content-Encoding: nonce\0", 12));
  const plain: Buffer[] = [];
  for (let offset = 0, seq = 0; offset < records.length; offset += rs, seq += 1) {
    const record = records.subarray(offset, offset + rs);
    const nonce = Buffer.from(baseNonce);
    // XOR the sequence number into the low bytes (JS bit operators work on 32 bits).
    nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ seq) >>> 0, 8);
    const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const padded = Buffer.concat([decipher.update(record.subarray(0, -16)), decipher.final()]);
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end -= 1;
    const last = offset + rs >= records.length;
    if (padded[end] !== (last ? 2 : 1)) throw new Error("bad padding delimiter");
    plain.push(padded.subarray(0, end));
  }
  return Buffer.concat(plain).toString("utf8");
}

/** `vapid t=<jwt>, k=<key>` → its parts (RFC 8292 §3). */
function parseVapid(header: string | undefined): ReceivedPush["vapid"] {
  const match = header?.match(/^vapid\s+(.*)$/i);
  if (!match?.[1]) return undefined;
  const params = new Map(
    match[1].split(",").map((part) => {
      const [name = "", ...value] = part.trim().split("=");
      return [name.toLowerCase(), value.join("=")] as const;
    }),
  );
  const token = params.get("t");
  const publicKey = params.get("k");
  return token && publicKey ? { token, publicKey } : undefined;
}

/**
 * A Web Push service (RFC 8030) on a free port of 127.0.0.1, over TLS with a throwaway
 * certificate since web-push only speaks https. `subscribe()` mints subscriptions the way a
 * browser would; each POST to one is recorded, its payload decrypted, and answered 201 (or
 * as scripted: 404/410 gone, 429/5xx with Retry-After).
 */
export async function startTestPushService(): Promise<TestPushService> {
  const dir = await mkdtemp(join(tmpdir(), "kai-push-service-"));
  const { key, cert } = await throwawayCertificate(dir);
  const existing = process.env.NODE_EXTRA_CA_CERTS;
  const caBundleFile = join(dir, "ca-bundle.pem");
  const kept = existing ? await readFile(existing, "utf8").catch(() => "") : "";
  await writeFile(caBundleFile, `${kept.trimEnd()}\n${cert}`);

  const subscriptions = new Map<string, SubscriptionKeys>();
  const scripted: { endpoint: string | undefined; reply: PushReply }[] = [];
  const received: ReceivedPush[] = [];
  let origin = "";

  const nextReply = (endpoint: string): PushReply => {
    const index = scripted.findIndex((s) => s.endpoint === undefined || s.endpoint === endpoint);
    if (index === -1) return { status: 201 };
    return scripted.splice(index, 1)[0]!.reply;
  };

  const server: Server = createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const endpoint = `${origin}${req.url ?? "/"}`;
      const keys = subscriptions.get(endpoint);
      const body = Buffer.concat(chunks);
      const reply = keys ? nextReply(endpoint) : { status: 404, body: "no such subscription" };
      let payload: string | undefined;
      let decryptError: string | undefined;
      if (keys && body.length > 0) {
        try {
          payload = decryptAes128gcm(body, keys);
        } catch (error) {
          decryptError = String(error);
        }
      }
      received.push({
        endpoint,
        headers: req.headers,
        body,
        payload,
        decryptError,
        vapid: parseVapid(req.headers.authorization),
        status: reply.status,
      });
      const headers: Record<string, string> = {};
      if (reply.retryAfter !== undefined) headers["retry-after"] = String(reply.retryAfter);
      if (reply.status === 201) headers.location = `${origin}/messages/${received.length}`;
      res.writeHead(reply.status, headers).end(reply.body ?? "");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const agent = new Agent({ ca: cert });

  return {
    origin,
    ca: cert,
    agent,
    caBundleFile,
    received,
    subscribe() {
      const ecdh = createECDH("prime256v1");
      const publicKey = ecdh.generateKeys();
      const auth = randomBytes(16);
      const endpoint = `${origin}/push/${randomBytes(12).toString("base64url")}`;
      subscriptions.set(endpoint, { ecdh, publicKey, auth });
      return {
        endpoint,
        p256dh: publicKey.toString("base64url"),
        auth: auth.toString("base64url"),
      };
    },
    script(replies, endpoint) {
      for (const reply of replies) scripted.push({ endpoint, reply });
    },
    async dispose() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
