import type { BlobStore } from "@kai/blob";
import type { Logger } from "@kai/service";
import { captureText } from "./capture-text.ts";
import type { ExtractionEnv } from "./env.ts";
import type { VideoTranscriber } from "./gemini-video-transcriber.ts";
import type { ImageReader } from "./image-reader.ts";
import { safeFetch } from "./safe-fetch.ts";

/** The capture reader with the configured limits. */
export function createCaptureText(
  env: ExtractionEnv,
  deps: { blobs: BlobStore; images: ImageReader; videos?: VideoTranscriber; log: Logger },
) {
  return captureText({
    ...deps,
    maxChars: env.EXTRACTED_TEXT_MAX_CHARS,
    fetchPage: (url, acceptTypes) =>
      safeFetch(url, {
        timeoutMs: env.URL_FETCH_TIMEOUT_MS,
        maxBytes: env.URL_FETCH_MAX_BYTES,
        maxRedirects: env.URL_FETCH_MAX_REDIRECTS,
        allowPrivate: env.URL_FETCH_ALLOW_PRIVATE,
        acceptTypes,
      }),
  });
}
