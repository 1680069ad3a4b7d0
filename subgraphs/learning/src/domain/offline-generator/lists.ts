import type { Card } from "./card.ts";
import { capitaliseFirst, joinList } from "./phrasing.ts";
import { subjectTerm } from "./subject.ts";
import { startsLikeModifier } from "./word-classes.ts";
import { isContentWord, isStopword, tokenise } from "./words.ts";

const COUNT = String.raw`(?:(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|various|many|a\s+few|a\s+number\s+of)\s+)?`;
const QUALIFIER = String.raw`(?:(?:main|principal|major|key|basic|primary|core|common|different|important|essential|fundamental|distinct|separate|broad|general)\s+)?`;
const NOUN = "(?<noun>[a-z]+s|criteria|phenomena|data|media)";
const ITEMS = "(?<items>.+)";

const PATTERNS: readonly RegExp[] = [
  // "The three kinds of rock are igneous, sedimentary and metamorphic."
  new RegExp(
    String.raw`^(?:the\s+)?${COUNT}${QUALIFIER}${NOUN}\s+of\s+(?<owner>[^,:]+?)\s+(?:are|were|include|included|consist\s+of)\s*:?\s+${ITEMS}$`,
    "i",
  ),
  // "Key features of TCP: ordering, retransmission and flow control."
  new RegExp(
    String.raw`^(?:the\s+)?${COUNT}${QUALIFIER}${NOUN}\s+of\s+(?<owner>[^,:]+?)\s*:\s*${ITEMS}$`,
    "i",
  ),
  // "There are three types of rock: igneous, sedimentary and metamorphic."
  new RegExp(
    String.raw`^there\s+(?:are|were)\s+${COUNT}${QUALIFIER}${NOUN}\s+of\s+(?<owner>[^,:]+?)\s*[:,—–]\s*(?:namely\s+)?${ITEMS}$`,
    "i",
  ),
];

const OWNER_FIRST_PATTERNS: readonly RegExp[] = [
  // "The handshake has three steps: SYN, SYN-ACK and ACK."
  new RegExp(
    String.raw`^(?<owner>.+?)\s+(?:has|have|had|comprises|comprise|involves|involve|includes|include|consists\s+of|consist\s+of)\s+${COUNT}${QUALIFIER}${NOUN}\s*:\s*${ITEMS}$`,
    "i",
  ),
  // "Rocks are divided into three groups: igneous, sedimentary and metamorphic."
  new RegExp(
    String.raw`^(?<owner>.+?)\s+(?:is|are|can\s+be)\s+(?:\w+ly\s+)?(?:divided|classified|grouped|split|categori[sz]ed|sorted)\s+into\s+${COUNT}${QUALIFIER}${NOUN}\s*:?\s*${ITEMS}$`,
    "i",
  ),
];

const MAX_ITEM_WORDS = 6;
const MAX_OWNER_WORDS = 8;
/** Examples are open-ended, so "such as A and B" cannot be recalled as a complete list. */
const OPEN_ENDED = /\b(?:including|such as|especially|particularly|like|e\.g|for example|etc)\b/i;
const ITEM_ARTICLES: ReadonlySet<string> = new Set(["a", "an", "the", "its", "their"]);

/** Reads an enumerating sentence as a "Name the kinds of X" card. */
export function extractList(sentence: string, properNouns: ReadonlySet<string>): Card | undefined {
  for (const pattern of PATTERNS) {
    const groups = pattern.exec(sentence)?.groups;
    const owner = groups?.owner?.trim();
    if (owner !== undefined && isOwner(owner)) {
      const card = listCard(groups?.noun, owner, groups?.items);
      if (card) return card;
    }
  }
  for (const pattern of OWNER_FIRST_PATTERNS) {
    const groups = pattern.exec(sentence)?.groups;
    const owner = groups?.owner && subjectTerm(groups.owner, properNouns);
    if (owner) {
      const card = listCard(groups?.noun, owner, groups?.items);
      if (card) return card;
    }
  }
  return undefined;
}

function isOwner(owner: string): boolean {
  const words = tokenise(owner).map((token) => token.text);
  return words.length <= MAX_OWNER_WORDS && words.some(isContentWord);
}

function listCard(
  noun: string | undefined,
  owner: string,
  rawItems: string | undefined,
): Card | undefined {
  const items = rawItems === undefined ? undefined : listItems(rawItems);
  if (noun === undefined || items === undefined) return undefined;
  return {
    front: `Name the ${noun.toLowerCase()} of ${owner}`,
    back: capitaliseFirst(joinList(items)),
  };
}

function listItems(raw: string): string[] | undefined {
  const text = raw.replace(/[\s.;:]+$/, "");
  if (OPEN_ENDED.test(text)) return undefined;
  const items = text
    .split(/\s*[,;]\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+/i)
    .map((item) => item.trim())
    .filter((item) => item !== "");
  return items.length >= 2 && items.every(isItem) ? items : undefined;
}

function isItem(item: string): boolean {
  const words = tokenise(item).map((token) => token.text);
  const first = words[0] ?? "";
  if (words.length === 0 || words.length > MAX_ITEM_WORDS || startsLikeModifier(first))
    return false;
  return !isStopword(first) || ITEM_ARTICLES.has(first.toLowerCase());
}
