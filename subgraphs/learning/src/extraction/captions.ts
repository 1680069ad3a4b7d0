import { parseHTML } from "linkedom";
import { tidyText } from "./readable-text.ts";

/** Media types of caption files: WebVTT, SubRip (often served as plain text). */
export const CAPTION_TYPES = ["text/vtt", "application/x-subrip", "text/plain"] as const;

const TIMING = /-->/;
const TAG = /<[^>]+>/g;

/**
 * The spoken text of a WebVTT or SubRip caption file: only the lines after each cue's timing
 * are text (headers, notes, styles and cue ids come before one or have none); styling tags go,
 * and a line repeated by rolling captions is kept once.
 */
export function captionText(file: string): string {
  const lines: string[] = [];
  for (const block of file.replace(/\r\n?/g, "\n").split(/\n{2,}/)) {
    const cue = block.split("\n");
    const timing = cue.findIndex((line) => TIMING.test(line));
    if (timing === -1) continue;
    for (const raw of cue.slice(timing + 1)) {
      const line = raw
        .replace(TAG, "")
        .replace(/&nbsp;/g, " ")
        .trim();
      if (line !== "" && lines.at(-1) !== line) lines.push(line);
    }
  }
  return tidyText(lines.join("\n"));
}

/**
 * The address of a page's caption track (`<track kind="captions|subtitles" src>`), English
 * preferred, resolved against the page; undefined when the page has none.
 */
export function captionTrackUrl(html: string, pageUrl: string): string | undefined {
  const { document } = parseHTML(html);
  const tracks = [...document.querySelectorAll("track[src]")].filter((track) =>
    ["captions", "subtitles"].includes((track.getAttribute("kind") ?? "subtitles").toLowerCase()),
  );
  const english = tracks.find((track) =>
    track.getAttribute("srclang")?.toLowerCase().startsWith("en"),
  );
  const src = (english ?? tracks[0])?.getAttribute("src");
  if (!src || !URL.canParse(src, pageUrl)) return undefined;
  return new URL(src, pageUrl).toString();
}
