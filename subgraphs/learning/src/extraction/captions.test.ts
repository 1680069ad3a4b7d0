import { describe, expect, it } from "vitest";
import { captionText, captionTrackUrl } from "./captions.ts";

describe("captionText", () => {
  it("keeps the words of a WebVTT file, once each", () => {
    const vtt = `WEBVTT
Kind: captions

NOTE produced by hand

intro
00:00:00.000 --> 00:00:02.000 align:start
<v Lecturer>Welcome to <b>thermodynamics</b>.

00:00:02.000 --> 00:00:04.000
Welcome to thermodynamics.
Energy is never created or destroyed.
`;
    expect(captionText(vtt)).toBe(
      "Welcome to thermodynamics.\nEnergy is never created or destroyed.",
    );
  });

  it("reads SubRip too", () => {
    const srt =
      "1\n00:00:01,000 --> 00:00:02,000\nEntropy tends to increase.\n\n2\n00:00:02,500 --> 00:00:04,000\nHeat flows from hot to cold.\n";
    expect(captionText(srt)).toBe("Entropy tends to increase.\nHeat flows from hot to cold.");
  });
});

describe("captionTrackUrl", () => {
  it("prefers the English captions and resolves them against the page", () => {
    const html = `<video src="/v.mp4">
      <track kind="chapters" src="/chapters.vtt">
      <track kind="subtitles" srclang="de" src="/de.vtt">
      <track kind="captions" srclang="en-GB" src="captions/en.vtt">
    </video>`;
    expect(captionTrackUrl(html, "https://videos.example/lectures/3")).toBe(
      "https://videos.example/lectures/captions/en.vtt",
    );
  });

  it("finds nothing on a page without tracks", () => {
    expect(captionTrackUrl("<video src='/v.mp4'></video>", "https://v.example/")).toBeUndefined();
  });
});
