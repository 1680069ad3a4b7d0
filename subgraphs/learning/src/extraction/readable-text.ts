import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

export interface ReadableText {
  title: string | null;
  text: string;
}

/** Runs of spaces and tabs become one space; three or more line breaks become a paragraph break. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * A page reduced to its article, as Firefox's reader view does: navigation, menus, footers and
 * ads are dropped, so cards come from what the page is about. Undefined when the page holds
 * no article (an app shell, a login wall).
 */
export function readableText(html: string, url: string): ReadableText | undefined {
  const { document } = parseHTML(html);
  // Readability resolves relative links against the document's URL.
  const base = document.createElement("base");
  base.setAttribute("href", url);
  document.head?.appendChild(base);
  const article = new Readability(
    document as unknown as ConstructorParameters<typeof Readability>[0],
  ).parse();
  const text = tidyText(article?.textContent ?? "");
  if (!article || text === "") return undefined;
  return { title: article.title ? tidyText(article.title) : null, text };
}
