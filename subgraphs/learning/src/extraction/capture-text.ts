import { type BlobStore, sniffImageType, uploadKey } from "@kai/blob";
import type { Logger } from "@kai/service";
import type { CaptureSource } from "../generation/card-generator.ts";
import { CAPTION_TYPES, captionText, captionTrackUrl } from "./captions.ts";
import type { VideoTranscriber } from "./gemini-video-transcriber.ts";
import type { ImageReader } from "./image-reader.ts";
import { readableText, tidyText } from "./readable-text.ts";
import { type FetchedPage, FetchRefused } from "./safe-fetch.ts";
import { OcrUnavailable } from "./tesseract-ocr.ts";

/** What cards are made from, and what captures stores of it. */
export type CaptureText =
  | {
      ok: true;
      /** The material for the cards. */
      text: string;
      /** A fetched page's title. */
      title: string | null;
      /** The text Kai read out of the capture; undefined when the material is the user's own. */
      extractedText: string | undefined;
    }
  | { ok: false; reason: string };

export interface CaptureTextDeps {
  /** Fetches a user's URL with every SSRF guard (safeFetch with the configured limits). */
  fetchPage(url: string, acceptTypes: readonly string[]): Promise<FetchedPage>;
  blobs: BlobStore;
  images: ImageReader;
  /** Transcribes videos without captions (Gemini); absent without a model. */
  videos?: VideoTranscriber;
  /** Characters of extracted text kept (for the cards and for captures to store). */
  maxChars: number;
  log: Logger;
}

const HTML_TYPES: readonly string[] = ["text/html", "application/xhtml+xml"];
/** What a link may lead to: a web page, or plain text (read as it is). */
export const PAGE_TYPES: readonly string[] = [...HTML_TYPES, "text/plain"];

const failed = (reason: string): CaptureText => ({ ok: false, reason });

const noTranscript = (why: string) =>
  failed(
    `Kai found no transcript for this video (${why}). Paste the transcript as a TEXT capture to learn from it.`,
  );

/**
 * Turns a capture into the text its cards come from: typed text as it is, a link's article
 * (fetched and reduced to readable text), a screenshot's words (OCR). A failure the owner can
 * act on is a verdict (`ok: false`); anything else throws, and the consumer retries.
 */
export function captureText(deps: CaptureTextDeps) {
  const extracted = (text: string, title: string | null = null): CaptureText => {
    const kept = text.slice(0, deps.maxChars);
    return { ok: true, text: kept, title, extractedText: kept };
  };

  async function fromLink(source: string | null): Promise<CaptureText> {
    if (!source) return failed("This link capture has no address to read.");
    try {
      const page = await deps.fetchPage(source, PAGE_TYPES);
      if (page.contentType === "text/plain") return extracted(tidyText(page.body));
      const readable = readableText(page.body, page.url);
      if (!readable) return failed(`Kai found no article to learn from at ${source}.`);
      return extracted(readable.text, readable.title);
    } catch (error) {
      if (error instanceof FetchRefused)
        return failed(`Kai could not read ${source}: ${error.message}.`);
      throw error;
    }
  }

  async function fromScreenshot(
    uploadId: string,
    ids: { ownerId: string; captureId: string },
  ): Promise<CaptureText> {
    const bytes = await deps.blobs.get(uploadKey(uploadId));
    if (!bytes) return failed("The screenshot's image is no longer stored.");
    const type = sniffImageType(bytes);
    if (!type) return failed("The screenshot is not an image Kai can read.");
    try {
      const text = await deps.images.read({ bytes, type, ...ids });
      if (text.split(/\s+/).filter(Boolean).length < 2)
        return failed("Kai found no text in this screenshot.");
      return extracted(text);
    } catch (error) {
      if (!(error instanceof OcrUnavailable)) throw error;
      deps.log.error({ err: error, captureId: ids.captureId }, "OCR failed");
      return failed("Kai could not read the text in this screenshot.");
    }
  }

  /**
   * A video's transcript: from the model when it can watch the video (YouTube pages carry no
   * caption track to read), else from captions: the address itself may be a caption file, or
   * a page whose `<track>` names one.
   */
  async function fromVideo(
    source: string | null,
    ids: { ownerId: string; captureId: string },
  ): Promise<CaptureText> {
    if (!source || !deps.videos?.handles(source)) return fromCaptions(source);
    const transcript = await deps.videos.transcribe({ url: source, ...ids });
    return transcript
      ? extracted(transcript)
      : noTranscript("the AI model could not transcribe it");
  }

  async function fromCaptions(source: string | null): Promise<CaptureText> {
    if (!source) return noTranscript("it has no address");
    try {
      const page = await deps.fetchPage(source, [...PAGE_TYPES, ...CAPTION_TYPES]);
      let captions = page;
      if (HTML_TYPES.includes(page.contentType)) {
        const track = captionTrackUrl(page.body, page.url);
        if (!track) return noTranscript("its page has no caption track");
        captions = await deps.fetchPage(track, CAPTION_TYPES);
      }
      const transcript = captionText(captions.body);
      if (transcript === "") return noTranscript("its captions are empty");
      return extracted(transcript);
    } catch (error) {
      if (error instanceof FetchRefused)
        return noTranscript(`Kai could not read ${source}: ${error.message}`);
      throw error;
    }
  }

  return {
    async of(capture: CaptureSource, ids: { ownerId: string; captureId: string }) {
      switch (capture.type) {
        case "URL":
          return fromLink(capture.source);
        case "SCREENSHOT":
          return capture.uploadId ? fromScreenshot(capture.uploadId, ids) : typed(capture.content);
        case "VIDEO":
          return fromVideo(capture.source, ids);
        default:
          return typed(capture.content);
      }
    },
  };
}

const typed = (content: string): CaptureText => ({
  ok: true,
  text: content,
  title: null,
  extractedText: undefined,
});

export type CaptureTextReader = ReturnType<typeof captureText>;
