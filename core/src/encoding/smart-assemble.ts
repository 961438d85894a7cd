// Builds the text smart encoding sends from the replacements it chose, so that no replacement changes what is around
// it: a symbol replaced by letters or digits is kept apart from letters and digits next to it by one space
// (1½ -> "1 1/2", not "11/2"; 25°C -> "25 o C", not "25oC", which reads as 250C; Brand™ -> "Brand TM").
import type { SmartReplacement } from './types.js';

/** A look-alike found in the text, and what would replace it. */
export interface PlannedReplacement {
  /** Code-unit range of the look-alike (one cluster) in the original text. */
  start: number;
  end: number;
  /** Its replacement, without separating spaces ('' removes it). */
  to: string;
  /** Not a letter or digit itself, so its replacement must not join the letters or digits around it. */
  separate: boolean;
}

export interface Assembled {
  text: string;
  /** What was replaced, in order; `to` includes any separating space. */
  replacements: SmartReplacement[];
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Characters a reader does not see: format characters, marks (drawn on the character before), C0/C1 controls. */
const INVISIBLE = /[\p{Cf}\p{M}\u0000-\u0008\u000e-\u001f\u007f-\u009f]/u;

/** The text with the replacements for which `taken(k)` holds, and the report of them. */
export function assemble(text: string, planned: readonly PlannedReplacement[], taken: (k: number) => boolean): Assembled {
  let out = '';
  let at = 0;
  let lastSeen = ''; // the last visible character written so far
  const replacements: SmartReplacement[] = [];
  for (let k = 0; k < planned.length; k++) {
    if (!taken(k)) continue;
    const { start, end, to: bare, separate } = planned[k]!;
    const before = text.slice(at, start);
    out += before;
    lastSeen = lastVisible(before) ?? lastSeen;
    let to = bare;
    if (separate && to !== '') {
      if (isWordChar(to[0]!) && isWordChar(lastSeen)) to = ' ' + to;
      if (isWordChar(to[to.length - 1]!) && isWordChar(nextVisible(text, planned, taken, k) ?? '')) to += ' ';
    }
    out += to;
    lastSeen = lastVisible(to) ?? lastSeen;
    at = end;
    const from = text.slice(start, end);
    if (to !== from) replacements.push(describe(from, to, start));
  }
  return { text: out + text.slice(at), replacements };
}

/** How many UTF-16 units replacement k can add at most, separating spaces included. */
export function maxGrowth(planned: PlannedReplacement): number {
  const { start, end, to, separate } = planned;
  const spaces = separate && to !== '' ? Number(isWordChar(to[0]!)) + Number(isWordChar(to[to.length - 1]!)) : 0;
  return to.length + spaces - (end - start);
}

/**
 * The first visible character after replacement k in the text being built, or undefined when the next replacement
 * is itself kept apart (it adds the space between the two).
 */
function nextVisible(text: string, planned: readonly PlannedReplacement[], taken: (k: number) => boolean, k: number): string | undefined {
  let position = planned[k]!.end;
  let next = k + 1;
  while (position < text.length) {
    while (next < planned.length && planned[next]!.end <= position) next++;
    const replacement = planned[next];
    if (replacement && replacement.start === position && taken(next)) {
      if (replacement.separate && replacement.to !== '') return undefined;
      const seen = firstVisible(replacement.to);
      if (seen !== undefined) return seen;
      position = replacement.end;
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(position)!);
    if (!INVISIBLE.test(char)) return char;
    position += char.length;
  }
  return undefined;
}

function lastVisible(piece: string): string | undefined {
  for (let i = piece.length - 1; i >= 0; i--) {
    const low = piece.charCodeAt(i);
    const paired = low >= 0xdc00 && low <= 0xdfff && i > 0 && (piece.charCodeAt(i - 1) & 0xfc00) === 0xd800;
    const char = paired ? piece.slice(--i, i + 2) : piece[i]!;
    if (!INVISIBLE.test(char)) return char;
  }
  return undefined;
}

function firstVisible(piece: string): string | undefined {
  for (const char of piece) if (!INVISIBLE.test(char)) return char;
  return undefined;
}

function isWordChar(char: string): boolean {
  return char !== '' && WORD_CHAR.test(char);
}

/** Reports only what changed: for "a" + U+0301 -> "a" that is the accent, at its own index. */
export function describe(from: string, to: string, index: number): SmartReplacement {
  let same = 0;
  while (same < from.length && same < to.length && from[same] === to[same]) same++;
  if (same > 0 && (from.charCodeAt(same - 1) & 0xfc00) === 0xd800) same--;
  return { from: from.slice(same), to: to.slice(same), index: index + same };
}
