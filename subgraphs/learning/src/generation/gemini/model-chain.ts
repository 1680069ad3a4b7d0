import type { ResponseSchema } from "@google/generative-ai";
import type { Logger } from "@kai/service";
import { z } from "zod";
import type { AiLedger, AiSubject } from "../../ledger/ai-ledger.ts";
import type { MediaPart, ModelCaller, ModelReply } from "./gemini-caller.ts";

export interface ChainSettings {
  /** Asked in order: the primary model, then the cheaper fallback. */
  models: readonly string[];
  /** Retries of one model after a 429 or 5xx. */
  retries: number;
  /** Backoff before the first retry, doubled for each next one. */
  retryBaseMs: number;
}

export interface ChainDeps {
  caller: ModelCaller;
  ledger: AiLedger;
  settings: ChainSettings;
  log: Logger;
}

export interface StructuredTask<T> {
  prompt: string;
  responseSchema: ResponseSchema;
  /** Checks the answer at run time: the response schema guides the model, it does not bind it. */
  output: z.ZodType<T>;
  subject: AiSubject;
  /** Sent with the prompt on every call (an image to read, a video to transcribe). */
  media?: readonly MediaPart[];
}

/** Outcomes worth asking the same model again for, after a pause. */
const TRANSIENT: ReadonlySet<ModelReply["outcome"]> = new Set(["rate_limited", "server_error"]);
/** One answer, and one more with the reason the first was refused. */
const ANSWERS_PER_MODEL = 2;

/**
 * Asks each model in turn until one answers in the expected shape. A model is retried with
 * backoff on 429/5xx, never on another 4xx; a timeout moves on at once; an invalid answer is
 * asked again once, with what was wrong with it. Every call is booked in the ledger.
 * Resolves to undefined when no model gave a valid answer.
 */
export async function askModels<T>(
  task: StructuredTask<T>,
  deps: ChainDeps,
): Promise<{ value: T; model: string } | undefined> {
  for (const model of deps.settings.models) {
    let prompt = task.prompt;
    for (let answer = 0; answer < ANSWERS_PER_MODEL; answer++) {
      const reply = await callWithRetries(model, prompt, task, deps);
      if (reply.outcome !== "ok") break;
      const parsed = parseAnswer(task.output, reply.text);
      await deps.ledger.record(task.subject, {
        ...usageOf(model, reply),
        outcome: parsed.ok ? "ok" : "invalid_output",
      });
      if (parsed.ok) return { value: parsed.value, model };
      deps.log.warn({ model, problem: parsed.problem }, "model answered in the wrong shape");
      prompt = `${task.prompt}\n\nYour previous answer was rejected: ${parsed.problem}\nAnswer again, following every rule.`;
    }
  }
  return undefined;
}

async function callWithRetries<T>(
  model: string,
  prompt: string,
  task: StructuredTask<T>,
  { caller, ledger, settings, log }: ChainDeps,
): Promise<ModelReply> {
  for (let attempt = 0; ; attempt++) {
    const reply = await caller.call(model, prompt, task.responseSchema, task.media);
    if (reply.outcome === "ok") return reply;
    await ledger.record(task.subject, { ...usageOf(model, reply), outcome: reply.outcome });
    log.warn({ model, outcome: reply.outcome, attempt, error: reply.error }, "model call failed");
    if (!TRANSIENT.has(reply.outcome) || attempt >= settings.retries) return reply;
    await new Promise((resolve) => setTimeout(resolve, settings.retryBaseMs * 2 ** attempt));
  }
}

const usageOf = (model: string, reply: ModelReply) => ({
  model,
  promptTokens: reply.promptTokens,
  outputTokens: reply.outputTokens,
  latencyMs: reply.latencyMs,
});

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

function parseAnswer<T>(schema: z.ZodType<T>, text: string | undefined): Parsed<T> {
  if (text === undefined) return { ok: false, problem: "the answer had no text" };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `the answer was not valid JSON (${String(error)})` };
  }
  const result = schema.safeParse(json);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, problem: z.prettifyError(result.error) };
}
