import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface S3Stub {
  /** The endpoint to give an S3 client (path-style). */
  url: string;
  /** Objects stored, by `<bucket>/<key>`. */
  objects: Map<string, { body: Buffer; contentType: string | undefined }>;
  /** The Authorization header of every request, to check the client signs them. */
  authorizations: (string | undefined)[];
  dispose(): Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  const raw = Buffer.concat(chunks);
  // aws-chunked (a streamed body with a trailing checksum): `<hex size>\r\n<data>\r\n…0\r\n<trailer>`.
  if (!request.headers["content-encoding"]?.includes("aws-chunked")) return raw;
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const end = raw.indexOf("\r\n", at);
    const size = Number.parseInt(raw.subarray(at, end).toString().split(";")[0] ?? "0", 16);
    if (!size) return Buffer.concat(parts);
    parts.push(raw.subarray(end + 2, end + 2 + size));
    at = end + 2 + size + 2;
  }
}

/**
 * A local server speaking the part of the S3 REST protocol a blob store uses (path-style
 * PutObject, GetObject, DeleteObject, NoSuchKey errors), so the real @aws-sdk/client-s3 is
 * tested over the wire without a cloud account.
 */
export async function startS3Stub(): Promise<S3Stub> {
  const objects: S3Stub["objects"] = new Map();
  const authorizations: S3Stub["authorizations"] = [];
  const server = createServer(async (request, response) => {
    authorizations.push(request.headers.authorization);
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://stub").pathname.slice(1));
    if (request.method === "PUT") {
      objects.set(path, {
        body: await bodyOf(request),
        contentType: request.headers["content-type"],
      });
      response.writeHead(200, { etag: '"stub"' }).end();
    } else if (request.method === "GET") {
      const object = objects.get(path);
      if (!object) {
        response.writeHead(404, { "content-type": "application/xml" });
        response.end(
          `<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${path}</Key></Error>`,
        );
        return;
      }
      response.writeHead(200, {
        "content-type": object.contentType ?? "application/octet-stream",
        "content-length": object.body.length,
      });
      response.end(object.body);
    } else if (request.method === "DELETE") {
      objects.delete(path);
      response.writeHead(204).end();
    } else response.writeHead(405).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    objects,
    authorizations,
    dispose: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
