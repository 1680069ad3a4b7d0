import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What one `generateContent` request asked. */
export interface GeminiRequest {
  model: string;
  /** The text of every part of every content, joined: the prompt. */
  prompt: string;
  /** The API key the client sent (`x-goog-api-key`). */
  apiKey: string | undefined;
  body: unknown;
}

/** One answer the stub plays. */
export type GeminiReply =
  /** A successful answer whose text is `text` (JSON.stringify it for structured output). */
  | { text: string; promptTokens?: number; outputTokens?: number; delayMs?: number }
  /** An error status with Google's error body, e.g. 429 RESOURCE_EXHAUSTED or 500 INTERNAL. */
  | { status: number; message?: string; delayMs?: number };

export interface GeminiStubOptions {
  /** Answers a request no queued reply is left for. Default: 500 "no reply scripted". */
  respond?(request: GeminiRequest): GeminiReply;
}

export interface GeminiStub {
  /** The base URL to give the SDK (its `baseUrl` option, i.e. GEMINI_BASE_URL). */
  url: string;
  /** Every request received, oldest first. */
  requests: GeminiRequest[];
  /** Queues replies for one model ("*" for any), played in order before `respond`. */
  enqueue(model: string, ...replies: GeminiReply[]): void;
  dispose(): Promise<void>;
}

/** A recorded successful `generateContent` response, carrying `text` and its token counts. */
export function geminiResponse(
  text: string,
  { promptTokens = 100, outputTokens = 50, model = "gemini-2.5-flash" } = {},
): unknown {
  return {
    candidates: [
      {
        content: { parts: [{ text }], role: "model" },
        finishReason: "STOP",
        index: 0,
      },
    ],
    usageMetadata: {
      promptTokenCount: promptTokens,
      candidatesTokenCount: outputTokens,
      totalTokenCount: promptTokens + outputTokens,
      promptTokensDetails: [{ modality: "TEXT", tokenCount: promptTokens }],
    },
    modelVersion: model,
    responseId: "stub-response",
  };
}

const STATUS_NAMES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

const ROUTE = /^\/v1beta\/models\/([^/:]+):generateContent$/;

/**
 * A local server speaking Gemini's REST protocol (`POST /v1beta/models/{model}:generateContent`)
 * that plays scripted answers, so the real @google/generative-ai client can be tested against
 * success, bad output, rate limits, server errors and timeouts without the network.
 */
export async function startGeminiStub(options: GeminiStubOptions = {}): Promise<GeminiStub> {
  const queues = new Map<string, GeminiReply[]>();
  const requests: GeminiRequest[] = [];
  const respond =
    options.respond ?? ((): GeminiReply => ({ status: 500, message: "no reply scripted" }));

  const next = (request: GeminiRequest): GeminiReply =>
    queues.get(request.model)?.shift() ?? queues.get("*")?.shift() ?? respond(request);

  const server = createServer(async (req, res) => {
    const model = ROUTE.exec(req.url ?? "")?.[1];
    if (req.method !== "POST" || !model) return send(res, 404, errorBody(404, "unknown route"));
    const body = JSON.parse(await readBody(req)) as unknown;
    const request: GeminiRequest = {
      model,
      prompt: promptOf(body),
      apiKey: header(req, "x-goog-api-key"),
      body,
    };
    requests.push(request);
    const reply = next(request);
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (res.destroyed) return;
    if ("status" in reply)
      return send(res, reply.status, errorBody(reply.status, reply.message ?? "scripted error"));
    send(res, 200, geminiResponse(reply.text, { ...reply, model }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue(model, ...replies) {
      queues.set(model, [...(queues.get(model) ?? []), ...replies]);
    },
    dispose: () =>
      new Promise((resolve) => {
        // Replies still waiting out a delay would hold the server open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function errorBody(status: number, message: string) {
  return { error: { code: status, message, status: STATUS_NAMES[status] ?? "UNKNOWN" } };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function promptOf(body: unknown): string {
  const contents = (body as { contents?: { parts?: { text?: string }[] }[] }).contents ?? [];
  return contents
    .flatMap((content) => content.parts ?? [])
    .map((part) => part.text ?? "")
    .join("\n");
}
