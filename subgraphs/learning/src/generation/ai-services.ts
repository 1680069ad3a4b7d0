import type { Db } from "@kai/db";
import type { Logger } from "@kai/service";
import type { LearningSchema } from "../db/tables.ts";
import type { LearningEnv } from "../env.ts";
import { geminiImageReader } from "../extraction/gemini-image-reader.ts";
import {
  geminiVideoTranscriber,
  type VideoTranscriber,
} from "../extraction/gemini-video-transcriber.ts";
import type { ImageReader } from "../extraction/image-reader.ts";
import { tesseractReader } from "../extraction/tesseract-ocr.ts";
import { databaseLedger } from "../ledger/ai-ledger.ts";
import {
  geminiSyllabusWriter,
  offlineSyllabusWriter,
  type SyllabusWriter,
} from "../syllabus/syllabus-writer.ts";
import type { CardGenerator } from "./card-generator.ts";
import { geminiCaller } from "./gemini/gemini-caller.ts";
import { geminiCardGenerator } from "./gemini-card-generator.ts";
import { offlineCardGenerator } from "./offline-card-generator.ts";

export interface AiServices {
  cards: CardGenerator;
  syllabus: SyllabusWriter;
  /** Reads screenshots (OCR). */
  images: ImageReader;
  /** Transcribes videos that have no captions; only with a model. */
  videos?: VideoTranscriber;
}

/** Gemini-backed generators when a key is configured, the offline ones otherwise. */
export function createAiServices(
  env: LearningEnv,
  db: Db<LearningSchema>,
  log: Logger,
): AiServices {
  const tesseract = tesseractReader({
    languages: env.OCR_LANGUAGES,
    timeoutMs: env.OCR_TIMEOUT_MS,
  });
  if (!env.GEMINI_API_KEY)
    return { cards: offlineCardGenerator, syllabus: offlineSyllabusWriter, images: tesseract };
  const chain = {
    caller: geminiCaller({
      apiKey: env.GEMINI_API_KEY,
      baseUrl: env.GEMINI_BASE_URL,
      timeoutMs: env.GEMINI_TIMEOUT_MS,
    }),
    ledger: databaseLedger(
      db,
      { prices: env.AI_PRICES, dailyBudgetUsd: env.AI_DAILY_BUDGET_USD },
      log,
    ),
    settings: {
      models: [...new Set([env.GEMINI_MODEL, env.GEMINI_FALLBACK_MODEL])].filter(
        (model) => model !== "none",
      ),
      retries: env.GEMINI_RETRIES,
      retryBaseMs: env.GEMINI_RETRY_BASE_MS,
    },
    log,
  };
  return {
    cards: geminiCardGenerator({
      ...chain,
      maxInputChars: env.GEMINI_MAX_INPUT_CHARS,
      maxChunks: env.GEMINI_MAX_CHUNKS,
      offline: offlineCardGenerator,
    }),
    syllabus: geminiSyllabusWriter(chain),
    images: geminiImageReader({ ...chain, fallback: tesseract }),
    videos: geminiVideoTranscriber(chain),
  };
}
