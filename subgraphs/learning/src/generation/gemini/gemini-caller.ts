import {
  GoogleGenerativeAI,
  GoogleGenerativeAIAbortError,
  GoogleGenerativeAIFetchError,
  type Part,
  type ResponseSchema,
} from "@google/generative-ai";
import type { CallOutcome } from "../../ledger/ai-ledger.ts";

export interface ModelReply {
  outcome: Exclude<CallOutcome, "invalid_output">;
  /** The answer's text when the call succeeded (undefined when the answer was blocked). */
  text: string | undefined;
  promptTokens: number;
  outputTokens: number;
  latencyMs: number;
  /** Why the call failed, for logs. */
  error?: string;
}

/**
 * Media sent with a prompt: bytes inline (a screenshot to read), or an address the model
 * fetches itself (a public YouTube video to transcribe).
 */
export type MediaPart = { mimeType: string; bytes: Uint8Array } | { mimeType: string; uri: string };

const partOf = (media: MediaPart): Part =>
  "bytes" in media
    ? {
        inlineData: { mimeType: media.mimeType, data: Buffer.from(media.bytes).toString("base64") },
      }
    : { fileData: { mimeType: media.mimeType, fileUri: media.uri } };

/** One structured-output call to one model; never throws, every failure is an outcome. */
export interface ModelCaller {
  call(
    model: string,
    prompt: string,
    responseSchema: ResponseSchema,
    media?: readonly MediaPart[],
  ): Promise<ModelReply>;
}

export interface GeminiSettings {
  apiKey: string;
  /** Default: Google's endpoint. */
  baseUrl?: string;
  timeoutMs: number;
}

/** Calls Gemini through @google/generative-ai, asking for JSON that matches the schema. */
export function geminiCaller({ apiKey, baseUrl, timeoutMs }: GeminiSettings): ModelCaller {
  const client = new GoogleGenerativeAI(apiKey);
  return {
    async call(model, prompt, responseSchema, media = []) {
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      try {
        const generative = client.getGenerativeModel(
          {
            model,
            generationConfig: {
              responseMimeType: "application/json",
              responseSchema,
              temperature: 0.2,
            },
          },
          { baseUrl, timeout: timeoutMs },
        );
        const { response } = await generative.generateContent([prompt, ...media.map(partOf)]);
        return {
          outcome: "ok",
          text: textOf(() => response.text()),
          ...tokensOf(response.usageMetadata),
          latencyMs: elapsed(),
        };
      } catch (error) {
        return {
          outcome: classify(error),
          text: undefined,
          promptTokens: 0,
          outputTokens: 0,
          latencyMs: elapsed(),
          error: error instanceof Error ? error.message : String(error),
        };
      }
    },
  };
}

/** `text()` throws for an answer the model withheld (safety, recitation): that is no text. */
function textOf(read: () => string): string | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** Thinking tokens are billed as output, and the SDK's types predate them. */
function tokensOf(usage: object | undefined): { promptTokens: number; outputTokens: number } {
  const count = (key: string): number => {
    const value = usage && key in usage ? (usage as Record<string, unknown>)[key] : undefined;
    return typeof value === "number" ? value : 0;
  };
  return {
    promptTokens: count("promptTokenCount"),
    outputTokens: count("candidatesTokenCount") + count("thoughtsTokenCount"),
  };
}

function classify(error: unknown): ModelReply["outcome"] {
  if (error instanceof GoogleGenerativeAIAbortError) return "timeout";
  if (error instanceof GoogleGenerativeAIFetchError && error.status !== undefined) {
    if (error.status === 429) return "rate_limited";
    return error.status >= 500 ? "server_error" : "client_error";
  }
  return "network_error";
}
