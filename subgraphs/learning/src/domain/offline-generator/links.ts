const LINK = /(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+/i;
const BRACKETED_LINK = /\s*[([][^()[\]]*?(?:https?:\/\/|www\.)[^()[\]]*[)\]]/gi;
const NAVIGATION = /^(?:see|read|visit|click|check out|learn more|for more|more info)\b/i;

/**
 * Links are references, not knowledge: a bracketed link is dropped, and a sentence that
 * exists to point somewhere is dropped whole.
 */
export function withoutLinks(sentence: string): string | undefined {
  const stripped = sentence.replace(BRACKETED_LINK, "").trim();
  return LINK.test(stripped) || NAVIGATION.test(stripped) ? undefined : stripped;
}
