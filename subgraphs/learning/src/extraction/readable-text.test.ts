import { describe, expect, it } from "vitest";
import { readableText } from "./readable-text.ts";

const paragraph = (topic: string) =>
  `<p>${topic} is studied by biologists because it explains how plants turn light into chemical energy. The process takes place in the chloroplasts of leaf cells, where chlorophyll absorbs red and blue light and reflects green.</p>`;

const PAGE = `<!doctype html><html><head><title>Photosynthesis explained | Plant Blog</title></head>
<body>
  <nav><a href="/">Home</a> <a href="/shop">Shop our seed catalogue</a> <a href="/login">Log in</a></nav>
  <article>
    <h1>Photosynthesis explained</h1>
    ${paragraph("Photosynthesis")}
    ${paragraph("The Calvin cycle")}
    ${paragraph("Carbon fixation")}
  </article>
  <footer>Copyright 2026 Plant Blog. Subscribe to our newsletter for discount codes.</footer>
</body></html>`;

describe("readableText", () => {
  it("keeps the article and drops navigation and footer", () => {
    const read = readableText(PAGE, "https://blog.example/photosynthesis");
    expect(read?.title).toMatch(/Photosynthesis explained/);
    expect(read?.text).toContain("chlorophyll absorbs red and blue light");
    expect(read?.text).toContain("The Calvin cycle");
    expect(read?.text).not.toContain("seed catalogue");
    expect(read?.text).not.toContain("newsletter");
  });

  it("finds nothing in a page without content", () => {
    expect(readableText("<html><body></body></html>", "https://x.example/")).toBeUndefined();
  });
});
