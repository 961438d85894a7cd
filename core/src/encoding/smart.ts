// Smart encoding: replaces look-alike characters (smart quotes, dashes, ellipsis, Unicode spaces, fullwidth forms,
// accented letters...) with GSM-7 ones, so a message that only LOOKS like plain text is not sent as UCS-2 (which
// more than doubles its cost). Works cluster by cluster, so an emoji sequence or a letter with its combining accents
// is judged as the one character the reader sees. The table is smart-encoding-map.ts. It never hurts: a message never
// takes more segments than it would unchanged, and no replacement joins the letters or digits around it
// (smart-assemble.ts: 1½ -> "1 1/2").
import { analyzeText } from './analyze-text.js';
import { GSM7_SINGLE_CAPACITY, UCS2_SINGLE_CAPACITY } from './capacity.js';
import { FLAG_JOINS, graphemeClass } from './grapheme-classes.js';
import { clusterStarts } from './graphemes.js';
import { GSM7_COST, fitsGsm7 } from './gsm7-lookup.js';
import { DEFAULT_SETTINGS, requireText, resolveSmartMode, type AnalyzeSettings } from './options.js';
import { assemble, describe, maxGrowth, type Assembled, type PlannedReplacement } from './smart-assemble.js';
import {
  CJK_TYPOGRAPHY_RANGES,
  COMBINING_MARK_FORMS,
  FULLWIDTH_ASCII,
  LATIN_FOLD_RANGES,
  OVERLAY_MARKS,
  REMOVED_RANGES,
  SMART_ENCODING_MAP,
} from './smart-encoding-map.js';
import type {
  MessageAnalysis,
  SmartEncodeOptions,
  SmartEncodeResult,
  SmartEncodingMode,
  SmartReplacement,
  SmsEncoding,
} from './types.js';

/** A cluster that is (or contains) an emoji: never altered. */
const EMOJI = /[\p{Emoji_Presentation}\p{Emoji_Modifier}\p{Regional_Indicator}\u20e3\u{e0020}-\u{e007f}]/u;
/** Text-style pictographs (©, ❤, ✳) become emoji with VS16 or inside a ZWJ sequence. */
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const EMOJI_JOINERS = /[\ufe0f\u200d]/;
/** Script_Extensions, not Script: the prolonged sound mark ー and the iteration mark 々 are Common by Script. */
const CJK_LETTER = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Bopomofo}]/u;
const LETTER = /\p{L}/u;
const MARK = /\p{M}/u;
const WHITESPACE = /\s/u;
/** Letters and digits are replaced within their word (é -> e, ２ -> 2); anything else is kept apart from it. */
const WORD_BASE = /[\p{L}\p{Nd}]/u;

const MAX_MARKS_TRIED = 3;
/** Re-measures allowed when a UCS-2 cut falls differently than the units counted (surrogate pairs move whole). */
const MAX_REMEASURES = 8;

let replacements: Map<number, string> | undefined;

export interface SmartEncodeOutcome {
  result: SmartEncodeResult;
  /** Analyses made while choosing, for analyzeMessage to reuse: of the original text and of `result.text`. */
  original?: MessageAnalysis;
  sent?: MessageAnalysis;
}

/**
 * Replaces look-alike characters with GSM-7 equivalents, never so that the message takes more segments. In
 * `all-or-nothing` mode (the default) the text is only changed when the result is entirely GSM-7; in `always` mode
 * replacements are made anyway, as many as keep the segment count (removals first, then in text order). Emoji and
 * CJK characters are never altered. Throws TextbridgeError INVALID_TEXT for a non-string, INVALID_INPUT for a bad mode.
 */
export function smartEncode(text: unknown, options?: SmartEncodeOptions | SmartEncodingMode): SmartEncodeResult {
  return smartEncodeText(requireText(text), resolveSmartMode(options), DEFAULT_SETTINGS).result;
}

/** Candidates are compared by their analysis with the caller's settings (UDH size, part boundaries). */
export function smartEncodeText(text: string, mode: SmartEncodingMode, settings: AnalyzeSettings): SmartEncodeOutcome {
  if (fitsGsm7(text)) return { result: unchanged(text, mode, 'GSM-7', [], []) };
  const planned = planReplacements(text);
  if (planned.length === 0) return { result: unchanged(text, mode, 'UCS-2', nonGsmCodePoints(text), []) };

  const all = assemble(text, planned, () => true);
  const unconvertible = nonGsmCodePoints(all.text);
  if (unconvertible.length > 0 && mode === 'all-or-nothing') {
    return { result: unchanged(text, mode, 'UCS-2', unconvertible, []) };
  }
  // One segment cannot become more: no need to measure.
  if (fitsOneSegment(all.text, unconvertible.length === 0)) return { result: applied(all, mode, unconvertible, []) };

  const original = analyzeText(text, settings);
  const sent = analyzeText(all.text, settings);
  if (sent.segmentCount <= original.segmentCount) return { result: applied(all, mode, unconvertible, []), original, sent };
  if (mode === 'always') {
    const subset = keepingSegments(text, planned, original, settings);
    if (subset) {
      const result = applied(subset.assembled, mode, nonGsmCodePoints(subset.assembled.text), subset.declined);
      return { result, original, sent: subset.sent };
    }
  }
  // Every replacement together adds a segment (70 × … is 70 UCS-2 units but 210 septets): the text stays as it is.
  return { result: unchanged(text, mode, 'UCS-2', unconvertible, all.replacements), original, sent: original };
}

/** The look-alikes of the text, cluster by cluster, and what would replace each. */
function planReplacements(text: string): PlannedReplacement[] {
  const starts = clusterStarts(text);
  const planned: PlannedReplacement[] = [];
  const run: CjkRun = { start: -1, end: -1, beside: false };
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k]!;
    const end = k + 1 < starts.length ? starts[k + 1]! : text.length;
    const cluster = text.slice(start, end);
    const to = convertCluster(text, start, end, cluster, run);
    if (to === undefined || to === cluster || (to === '' && !removable(text, start, end))) continue;
    planned.push({ start, end, to, separate: !WORD_BASE.test(String.fromCodePoint(cluster.codePointAt(0)!)) });
  }
  return planned;
}

/**
 * In `always` mode, when every replacement together would add a segment: the replacements that do not lengthen the
 * text (removals, one character for one), then the others in text order while the segment count holds.
 */
function keepingSegments(
  text: string,
  planned: readonly PlannedReplacement[],
  original: MessageAnalysis,
  settings: AnalyzeSettings,
): { assembled: Assembled; sent: MessageAnalysis; declined: SmartReplacement[] } | undefined {
  const growth = planned.map(maxGrowth);
  const chosen = growth.map((units) => units <= 0);
  const taken = (k: number) => chosen[k]!;
  let assembled = assemble(text, planned, taken);
  let sent = analyzeText(assembled.text, settings);
  if (sent.segmentCount > original.segmentCount) return undefined;
  const target = sent.segmentCount;

  let room = sent.encoding === 'UCS-2' ? sent.remainingInLastSegment : 0;
  const added: number[] = [];
  for (let k = 0; k < planned.length; k++) {
    if (chosen[k] || growth[k]! > room) continue;
    chosen[k] = true;
    room -= growth[k]!;
    added.push(k);
  }
  if (added.length > 0) {
    // Units were counted; parts are cut around surrogate pairs, so the count is checked and trimmed if need be.
    for (let tries = 0; ; tries++) {
      assembled = assemble(text, planned, taken);
      sent = analyzeText(assembled.text, settings);
      if (sent.segmentCount <= target) break;
      if (tries === MAX_REMEASURES) {
        for (const k of added) chosen[k] = false;
        added.length = 0;
      } else {
        chosen[added.pop()!] = false;
      }
    }
  }
  if (assembled.replacements.length === 0) return undefined;
  const declined = planned.flatMap((p, k) => (chosen[k] ? [] : [describe(text.slice(p.start, p.end), p.to, p.start)]));
  return { assembled, sent, declined };
}

function fitsOneSegment(text: string, gsm: boolean): boolean {
  // A GSM-7 character costs at most 2 septets.
  return gsm ? text.length * 2 <= GSM7_SINGLE_CAPACITY : text.length <= UCS2_SINGLE_CAPACITY;
}

function applied(assembled: Assembled, mode: SmartEncodingMode, unconvertible: string[], declined: SmartReplacement[]): SmartEncodeResult {
  return {
    text: assembled.text,
    applied: true,
    mode,
    replacements: assembled.replacements,
    declined,
    encoding: unconvertible.length === 0 ? 'GSM-7' : 'UCS-2',
    unconvertible,
  };
}

/**
 * Removing [start, end) must not change what is around it: a following mark or joiner would attach to the cluster
 * before (an emoji, a letter), and lone surrogates on both sides would fuse into a new character.
 */
function removable(text: string, start: number, end: number): boolean {
  if (end >= text.length || start === 0) return true;
  if (graphemeClass(text.codePointAt(end)!) & FLAG_JOINS) return false;
  const before = text.charCodeAt(start - 1);
  const after = text.charCodeAt(end);
  return !(before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff);
}

function unchanged(
  text: string,
  mode: SmartEncodingMode,
  encoding: SmsEncoding,
  unconvertible: string[],
  declined: SmartReplacement[],
): SmartEncodeResult {
  return { text, applied: false, mode, replacements: [], declined, encoding, unconvertible };
}

/** The GSM-7 form of one cluster, or undefined to keep it as it is. */
function convertCluster(text: string, start: number, end: number, cluster: string, run: CjkRun): string | undefined {
  if (fitsGsm7(cluster)) return undefined;
  if (EMOJI.test(cluster) || (PICTOGRAPH.test(cluster) && EMOJI_JOINERS.test(cluster))) return undefined;

  const codePoint = cluster.codePointAt(0)!;
  const base = String.fromCodePoint(codePoint);
  if (base.length === cluster.length) {
    const to = replacementFor(codePoint) ?? COMBINING_MARK_FORMS[base];
    if (to !== undefined && inRanges(codePoint, CJK_TYPOGRAPHY_RANGES) && besideCjk(text, start, end, run)) return undefined;
    return to;
  }

  // A base followed by combining marks, joiners or variation selectors.
  const baseTo = codePoint <= 0xffff && GSM7_COST[codePoint] !== 0 ? base : (replacementFor(codePoint) ?? COMBINING_MARK_FORMS[base]);
  if (baseTo === undefined) return undefined;
  let accents = '';
  let overlays = '';
  for (const mark of cluster.slice(base.length)) {
    if (mark === '\u200c' || mark === '\u200d' || (mark >= '\ufe00' && mark <= '\ufe0f')) continue; // no effect here
    if (OVERLAY_MARKS.has(mark)) overlays += COMBINING_MARK_FORMS[mark]!;
    else if (MARK.test(mark)) accents += mark;
    else return undefined;
  }
  if (accents === '') return baseTo + overlays;
  if (LETTER.test(base)) return (foldLetter(base + accents) ?? baseTo) + overlays;
  // Marks on a space, digit or symbol are not accents of a letter: their spacing look-alike, if any, follows.
  let spacing = '';
  for (const mark of accents) spacing += COMBINING_MARK_FORMS[mark] ?? '';
  return baseTo + spacing + overlays;
}

/**
 * A letter written with accents (precomposed or not) -> the closest GSM-7 letter: the accented letter itself when
 * GSM has it (e + U+0301 -> é), else with fewer accents (ǘ -> ü), else the base letter (ệ -> e).
 */
function foldLetter(letter: string): string | undefined {
  const decomposed = letter.normalize('NFD');
  const base = String.fromCodePoint(decomposed.codePointAt(0)!);
  const marks = [...decomposed.slice(base.length)];
  if (marks.length === 0 || !marks.every((mark) => MARK.test(mark))) return undefined;
  // A GSM letter carries one accent, so a few marks are enough to try (and a pile of marks stays linear).
  for (let k = Math.min(marks.length, MAX_MARKS_TRIED); k >= 1; k--) {
    const candidate = (base + marks.slice(0, k).join('')).normalize('NFC');
    if (candidate.length === 1 && fitsGsm7(candidate)) return candidate;
  }
  for (const mark of marks.slice(0, MAX_MARKS_TRIED)) {
    const candidate = (base + mark).normalize('NFC');
    if (candidate.length === 1 && fitsGsm7(candidate)) return candidate;
  }
  return fitsGsm7(base) ? base : SMART_ENCODING_MAP[base];
}

function replacementFor(codePoint: number): string | undefined {
  return (replacements ??= buildReplacements()).get(codePoint);
}

function buildReplacements(): Map<number, string> {
  const map = new Map<number, string>();
  for (const [from, to] of REMOVED_RANGES) for (let cp = from; cp <= to; cp++) map.set(cp, '');
  for (let cp = FULLWIDTH_ASCII.from; cp <= FULLWIDTH_ASCII.to; cp++) {
    map.set(cp, String.fromCharCode(cp - FULLWIDTH_ASCII.offset));
  }
  for (const [from, to] of LATIN_FOLD_RANGES) {
    for (let cp = from; cp <= to; cp++) {
      if (GSM7_COST[cp] !== 0) continue;
      const folded = foldLetter(String.fromCodePoint(cp));
      if (folded !== undefined) map.set(cp, folded);
    }
  }
  for (const [from, to] of Object.entries(SMART_ENCODING_MAP)) map.set(from.codePointAt(0)!, to);
  return map;
}

/** Where the last run of CJK typography and spaces was measured, and whether CJK text surrounds it. */
interface CjkRun {
  start: number;
  end: number;
  beside: boolean;
}

/**
 * True when the nearest character before or after (skipping CJK typography and spaces) is a CJK character. The
 * answer holds for the whole run of skipped characters, so it is remembered: a long run costs one walk, not one each.
 */
function besideCjk(text: string, start: number, end: number, run: CjkRun): boolean {
  if (start >= run.start && end <= run.end) return run.beside;
  let before = start;
  while (before > 0 && skippable(codePointBefore(text, before))) before -= codePointBefore(text, before) > 0xffff ? 2 : 1;
  let after = end;
  while (after < text.length && skippable(text.codePointAt(after)!)) after += text.codePointAt(after)! > 0xffff ? 2 : 1;
  run.start = before;
  run.end = after;
  run.beside =
    (before > 0 && CJK_LETTER.test(String.fromCodePoint(codePointBefore(text, before)))) ||
    (after < text.length && CJK_LETTER.test(String.fromCodePoint(text.codePointAt(after)!)));
  return run.beside;
}

function codePointBefore(text: string, end: number): number {
  const low = text.charCodeAt(end - 1);
  if (low >= 0xdc00 && low <= 0xdfff && end >= 2) {
    const high = text.charCodeAt(end - 2);
    if (high >= 0xd800 && high <= 0xdbff) return ((high - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
  }
  return low;
}

function skippable(codePoint: number): boolean {
  return inRanges(codePoint, CJK_TYPOGRAPHY_RANGES) || WHITESPACE.test(String.fromCodePoint(codePoint));
}

function inRanges(codePoint: number, ranges: readonly (readonly [number, number])[]): boolean {
  for (const [from, to] of ranges) if (codePoint >= from && codePoint <= to) return true;
  return false;
}

function nonGsmCodePoints(text: string): string[] {
  const seen = new Set<string>();
  for (const char of text) if (char.length > 1 || GSM7_COST[char.charCodeAt(0)] === 0) seen.add(char);
  return [...seen];
}
