import type express from "express";

/**
 * The address this service is reached at, learned from the requests it serves: upload URLs
 * point back here when UPLOAD_BASE_URL is unset. The socket's own address, not the Host
 * header, so a caller cannot make the service hand out URLs to somewhere else.
 */
export function selfAddress() {
  let known: string | undefined;
  return {
    learnFrom(app: express.Express): void {
      app.use((request, _response, next) => {
        const { localAddress, localPort } = request.socket;
        if (localAddress && localPort) {
          const host = localAddress.replace(/^::ffff:/, "");
          known = `http://${host.includes(":") ? `[${host}]` : host}:${localPort}`;
        }
        next();
      });
    },
    url(): string {
      if (!known) throw new Error("the service has not been reached yet");
      return known;
    },
  };
}
