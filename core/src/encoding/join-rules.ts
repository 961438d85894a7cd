// The UAX #29 rules that make a code point continue the cluster before it, evaluated only at code points flagged
// FLAG_JOINS (Extend, ZWJ, Regional_Indicator) by looking at their neighbours, so scans pay nothing for ordinary
// characters. Prepend, SpacingMark, Hangul and Indic conjunct rules are absent on purpose: their code points are
// HARD, and texts holding them go to Intl.Segmenter. CR LF (GB3) is left to the callers, which see every LF anyway.
import {
  FLAG_JOINS,
  FLAG_PICTOGRAPHIC,
  KIND_CONTROL,
  KIND_CR,
  KIND_EXTEND,
  KIND_LF,
  KIND_MASK,
  KIND_REGIONAL,
  KIND_ZWJ,
  bmpClasses,
  graphemeClass,
} from './grapheme-classes.js';

/** The code point continues the cluster before it. */
export const JOINS_PREVIOUS = 1;
/** The code point after it continues its cluster (an emoji ZWJ sequence, GB11). */
export const NEXT_JOINS = 2;

/** Regional-indicator pairing (GB12/GB13) of one scan: where the current run of indicators ends, and its parity. */
export interface JoinState {
  regionalEnd: number;
  regionalOdd: boolean;
}

export function newJoinState(): JoinState {
  return { regionalEnd: -1, regionalOdd: false };
}

/**
 * For the FLAG_JOINS code point at [index, next): JOINS_PREVIOUS and/or NEXT_JOINS. Must be called for every such
 * code point of a text, in order, with the same state.
 */
export function joinAt(text: string, index: number, next: number, cls: number, state: JoinState): number {
  const kind = cls & KIND_MASK;
  if (kind === KIND_REGIONAL) {
    const continuesRun = state.regionalEnd === index;
    const pairs = continuesRun && state.regionalOdd;
    state.regionalOdd = continuesRun ? !state.regionalOdd : true;
    state.regionalEnd = next;
    return pairs ? JOINS_PREVIOUS : 0;
  }
  // GB9 (Extend and ZWJ attach to what precedes), unless that is a control, CR or LF (GB4).
  let result = 0;
  if (index > 0) {
    const before = classBefore(text, index) & KIND_MASK;
    if (before !== KIND_CONTROL && before !== KIND_CR && before !== KIND_LF) result = JOINS_PREVIOUS;
  }
  // GB11: Extended_Pictographic Extend* ZWJ x Extended_Pictographic.
  if (kind === KIND_ZWJ && next < text.length) {
    const following = classAt(text, next);
    if (following & FLAG_PICTOGRAPHIC && !(following & FLAG_JOINS) && pictographBefore(text, index)) result |= NEXT_JOINS;
  }
  return result;
}

function pictographBefore(text: string, index: number): boolean {
  let end = index;
  while (end > 0) {
    const cls = classBefore(text, end);
    if ((cls & KIND_MASK) !== KIND_EXTEND) return (cls & FLAG_PICTOGRAPHIC) !== 0;
    end -= isPairEndingAt(text, end) ? 2 : 1;
  }
  return false;
}

function classBefore(text: string, end: number): number {
  if (isPairEndingAt(text, end)) {
    return graphemeClass(((text.charCodeAt(end - 2) - 0xd800) << 10) + (text.charCodeAt(end - 1) - 0xdc00) + 0x10000);
  }
  return bmpClasses()[text.charCodeAt(end - 1)]!;
}

function classAt(text: string, index: number): number {
  const c = text.charCodeAt(index);
  if (c >= 0xd800 && c <= 0xdbff && index + 1 < text.length) {
    const d = text.charCodeAt(index + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return graphemeClass(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
  }
  return bmpClasses()[c]!;
}

function isPairEndingAt(text: string, end: number): boolean {
  if (end < 2) return false;
  const low = text.charCodeAt(end - 1);
  const high = text.charCodeAt(end - 2);
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
}
