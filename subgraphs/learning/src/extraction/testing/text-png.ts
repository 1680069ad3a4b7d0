import sharp from "sharp";

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A PNG with the lines written in black on white, as a screenshot of text would be. */
export async function textPng(lines: string[]): Promise<Uint8Array> {
  const height = 60 + lines.length * 48;
  const text = lines
    .map(
      (line, i) =>
        `<text x="30" y="${70 + i * 48}" font-family="DejaVu Sans, sans-serif" font-size="32">${escapeXml(line)}</text>`,
    )
    .join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="${height}"><rect width="100%" height="100%" fill="white"/>${text}</svg>`;
  return new Uint8Array(await sharp(Buffer.from(svg)).png().toBuffer());
}
