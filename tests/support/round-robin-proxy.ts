import { createServer, type IncomingMessage, request, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RoundRobinProxy {
  url: string;
  dispose(): Promise<void>;
}

/**
 * A load balancer in front of a service's replicas, as a Kubernetes Service or an ingress
 * would be: each request goes to the next replica in turn. A replica that refuses the
 * connection (killed, not yet started) is skipped, as a proxy's connect-failure retry does;
 * a request already sent is never sent again, since it may have taken effect.
 */
export async function startRoundRobinProxy(
  upstreamPorts: readonly number[],
): Promise<RoundRobinProxy> {
  let next = 0;
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const first = next++ % upstreamPorts.length;
    for (let attempt = 0; attempt < upstreamPorts.length; attempt++) {
      const port = upstreamPorts[(first + attempt) % upstreamPorts.length] as number;
      if ((await forward(req, body, port, res)) !== "refused") return;
    }
    res.writeHead(503, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "no replica accepted the connection" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dispose: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Relays one request; "refused" when the replica did not take the connection at all. */
function forward(
  req: IncomingMessage,
  body: Buffer,
  port: number,
  res: ServerResponse,
): Promise<"done" | "refused"> {
  return new Promise((resolve) => {
    const upstream = request(
      {
        host: "127.0.0.1",
        port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: `127.0.0.1:${port}` },
        agent: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on("end", () => resolve("done"));
        answer.on("error", () => {
          res.destroy();
          resolve("done");
        });
      },
    );
    upstream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNREFUSED") return resolve("refused");
      if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: `replica failed: ${error.code ?? error.message}` }));
      resolve("done");
    });
    upstream.end(body);
  });
}
