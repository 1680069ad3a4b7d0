import { joinList } from "./phrasing.ts";
import { isStopword, tokenise } from "./words.ts";

const FENCE = /^\s*(?:```|~~~)/;
const HEADING = /^\s*#{1,6}\s/;
const SETEXT_UNDERLINE = /^\s*(?:=+|-+)\s*$/;
const RULE = /^\s*(?:[-*_]\s*){3,}$/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const BULLET = /^\s*(?:[-*+•‣◦▪]|\d{1,3}[.)])\s+(.+)$/;
const QUOTE = /^\s*>\s?/;
const STATEMENT_VERB = /\b(?:is|are|was|were|means?|refers?|has|have|does|do)\b/i;
const TERMINAL = /[.!?]["'’”)\]]*$/;
/** Bullets this short are items of the sentence that introduces them, not statements. */
const MAX_LIST_ITEM_WORDS = 6;
/** Unpunctuated lines shorter than this are notes, one statement per line, not wrapped prose. */
const NOTE_LINE_LENGTH = 60;

/**
 * Turns markdown or plain text into prose blocks (paragraphs and bullet items) without markup,
 * so sentence splitting never sees headings, code, tables or link syntax.
 */
export function toBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  let paragraph: string[] = [];
  let items: string[] = [];
  let inFence = false;

  const flushParagraph = (): void => {
    if (paragraph.length > 0) blocks.push(joinLines(paragraph));
    paragraph = [];
  };
  const flushList = (): void => {
    if (items.length > 0) appendList(blocks, items);
    items = [];
  };

  for (const raw of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    if (FENCE.test(raw)) {
      flushParagraph();
      flushList();
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const line = raw.replace(QUOTE, "");
    if (line.trim() === "") {
      flushParagraph();
      continue;
    }
    if (SETEXT_UNDERLINE.test(line) && paragraph.length > 0) {
      paragraph.pop();
      flushParagraph();
      continue;
    }
    if (HEADING.test(line) || RULE.test(line) || TABLE_ROW.test(line)) {
      flushParagraph();
      flushList();
      continue;
    }
    const bullet = BULLET.exec(line)?.[1];
    if (bullet !== undefined) {
      flushParagraph();
      items.push(stripInline(bullet).trim());
      continue;
    }
    const text = stripInline(line).trim();
    const lastItem = items.length - 1;
    if (lastItem >= 0 && /^\s/.test(line)) {
      items[lastItem] = `${items[lastItem]} ${text}`;
      continue;
    }
    flushList();
    paragraph.push(text);
  }
  flushParagraph();
  flushList();
  return blocks.filter((block) => block.length > 0);
}

export function stripInline(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/\[(?:\d+|[a-z]|citation needed)\]/gi, "")
    .replace(/<((?:https?:|www\.)[^>\s]+)>/g, "$1")
    .replace(/<\/?[a-zA-Z][^>]*>/g, "")
    .replace(/`([^`]+)`/g, "$1")
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
    .replace(/(?<![\p{L}\p{N}*])\*(?=\S)(.+?)(?<=\S)\*(?![\p{L}\p{N}*])/gu, "$1")
    .replace(/(?<![\p{L}\p{N}_])_(?=\S)(.+?)(?<=\S)_(?![\p{L}\p{N}_])/gu, "$1")
    .replace(/~~(.+?)~~/g, "$1");
}

function joinLines(lines: readonly string[]): string {
  let text = "";
  let previous = "";
  for (const line of lines) {
    text = text === "" ? line : `${text}${endsStatement(previous, line) ? ". " : " "}${line}`;
    previous = line;
  }
  return text;
}

function endsStatement(previous: string, next: string): boolean {
  const lastWord = tokenise(previous).at(-1)?.text ?? "";
  return (
    !TERMINAL.test(previous) &&
    !/[,;:]$/.test(previous) &&
    previous.length < NOTE_LINE_LENGTH &&
    !isStopword(lastWord) &&
    /^\p{Lu}/u.test(next)
  );
}

function appendList(blocks: string[], items: readonly string[]): void {
  const lead = blocks.at(-1);
  if (lead?.endsWith(":") && items.length >= 2 && items.every(isFragment)) {
    blocks[blocks.length - 1] = `${lead} ${joinList(items.map(withoutTrailingPunctuation))}.`;
    return;
  }
  blocks.push(...items.map(asStatement));
}

/** "igneous" completes the lead-in sentence; "404 means missing" is a statement of its own. */
function isFragment(item: string): boolean {
  return (
    tokenise(item).length <= MAX_LIST_ITEM_WORDS &&
    !TERMINAL.test(item) &&
    !STATEMENT_VERB.test(item)
  );
}

function withoutTrailingPunctuation(item: string): string {
  return item.replace(/[\s,;.]+$/, "");
}

function asStatement(item: string): string {
  return TERMINAL.test(item) || item.endsWith(":") ? item : `${withoutTrailingPunctuation(item)}.`;
}
