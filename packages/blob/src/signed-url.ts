import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The MAC of a signed URL's parts. `purpose` is mixed in (e.g. "kai:upload:v1"), so a MAC
 * made with the same secret for one kind of URL can never pass as another kind's.
 */
export function urlMac(purpose: string, parts: readonly (string | number)[], secret: string) {
  return createHmac("sha256", secret)
    .update([purpose, ...parts].join("\n"))
    .digest("base64url");
}

/** Whether `given` is `expected`, in constant time. */
export function macMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The address a service is reached at, learned from the requests it serves: signed URLs point
 * back here when no public base URL is configured. The socket's own address, not the Host
 * header, so a caller cannot make the service hand out URLs to somewhere else.
 */
export function selfAddress() {
  let known: string | undefined;
  return {
    /** Middleware (`app.use(self.learn)`) noting the address each request arrived at. */
    learn(
      request: { socket: { localAddress?: string; localPort?: number } },
      _response: unknown,
      next: () => void,
    ): void {
      const { localAddress, localPort } = request.socket;
      if (localAddress && localPort) {
        const host = localAddress.replace(/^::ffff:/, "");
        known = `http://${host.includes(":") ? `[${host}]` : host}:${localPort}`;
      }
      next();
    },
    url(): string {
      if (!known) throw new Error("the service has not been reached yet");
      return known;
    },
  };
}
