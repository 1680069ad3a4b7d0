import { spawn } from "node:child_process";
import type { ImageReader } from "./image-reader.ts";
import { tidyText } from "./readable-text.ts";

export interface TesseractOptions {
  /** The tesseract binary; default `tesseract` on the PATH (Debian's tesseract-ocr). */
  command?: string;
  /** Languages, as tesseract's `-l` takes them, e.g. `eng` or `eng+deu`. */
  languages: string;
  /** A recognition that takes longer is killed. */
  timeoutMs: number;
}

/** A problem with OCR itself (not installed, crashed, too slow), not with the image. */
export class OcrUnavailable extends Error {}

/**
 * Local OCR with Tesseract: the image goes in on stdin, the text comes out on stdout. Runs
 * as a child process, so a pathological image costs a killed process, not a stuck event loop.
 */
export function tesseractReader(options: TesseractOptions): ImageReader {
  return {
    name: "tesseract",
    read: (image) =>
      new Promise((resolve, reject) => {
        const child = spawn(
          options.command ?? "tesseract",
          ["stdin", "stdout", "-l", options.languages],
          { stdio: ["pipe", "pipe", "pipe"], timeout: options.timeoutMs, killSignal: "SIGKILL" },
        );
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
        child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
        child.on("error", (error) => reject(new OcrUnavailable(`tesseract: ${error.message}`)));
        child.on("close", (code, signal) => {
          if (signal)
            reject(new OcrUnavailable(`tesseract stopped (${signal}) after the time limit`));
          else if (code !== 0)
            reject(new OcrUnavailable(`tesseract failed: ${Buffer.concat(err).toString().trim()}`));
          else resolve(tidyText(Buffer.concat(out).toString("utf8")));
        });
        // An image tesseract refuses closes stdin early; its exit code tells, not this error.
        child.stdin.on("error", () => {});
        child.stdin.end(image.bytes);
      }),
  };
}
