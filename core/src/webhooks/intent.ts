// Reading an inbound message's intent: Plivo's `MessageIntent` when it sent one, else the keyword table.
import { MESSAGE_INTENTS } from './intent-types.js';
import type { MessageIntent } from './intent-types.js';
import { OPT_KEYWORDS } from './opt-keywords.js';

export interface IntentReading {
  intent: MessageIntent | null;
  /** Where the intent came from: Plivo's MessageIntent, our keyword table, or nowhere. */
  intentSource: 'plivo' | 'keyword' | null;
  /** The keyword the whole message is (upper case, e.g. `STOP ALL`), when an intent was found. */
  keyword: string | null;
}

const KEYWORD_TO_INTENT = new Map<string, MessageIntent>(
  MESSAGE_INTENTS.flatMap((intent) =>
    OPT_KEYWORDS[intent].map((keyword): [string, MessageIntent] => [keyword, intent]),
  ),
);
/** Keyword messages are short; longer texts skip all normalising. */
const MAX_KEYWORD_MESSAGE_LENGTH = 32;

/**
 * A message as a keyword: case-insensitive, surrounding whitespace ignored, inner runs of whitespace read as one
 * space. Only ASCII letters count, so look-alikes (`ſtop`, `ＳＴＯＰ`) and sentences with punctuation never match.
 */
export function keywordForm(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_KEYWORD_MESSAGE_LENGTH) return null;
  const words = trimmed.split(/\s+/);
  if (!words.every((word) => /^[A-Za-z]+$/.test(word))) return null;
  return words.join(' ').toUpperCase();
}

/** The opt-out / opt-in / help keyword a whole message is, per the keyword table, or null. */
export function matchOptKeyword(text: string): { keyword: string; intent: MessageIntent } | null {
  const keyword = keywordForm(text);
  const intent = keyword === null ? undefined : KEYWORD_TO_INTENT.get(keyword);
  return keyword === null || intent === undefined ? null : { keyword, intent };
}

/**
 * Plivo's MessageIntent wins when it names an intent (the keyword is then the table's keyword, or the one word
 * the message is, e.g. a carrier keyword we do not list); an empty or unknown MessageIntent falls back to the
 * keyword table.
 */
export function readIntent(messageIntent: string | undefined, text: string): IntentReading {
  const fromPlivo = MESSAGE_INTENTS.find((intent) => intent === messageIntent);
  if (fromPlivo !== undefined) {
    const form = keywordForm(text);
    const keyword = matchOptKeyword(text)?.keyword ?? (form !== null && !form.includes(' ') ? form : null);
    return { intent: fromPlivo, intentSource: 'plivo', keyword };
  }
  const match = matchOptKeyword(text);
  if (match !== null) return { intent: match.intent, intentSource: 'keyword', keyword: match.keyword };
  return { intent: null, intentSource: null, keyword: null };
}
