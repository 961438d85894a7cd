// Test oracle (see analyze-text.ts here): the part splitter as it was before the single-pass rewrite.
// Where a long message is cut into concatenated parts. Every splitter is greedy (fills a part, then opens the next)
// and never cuts an escape pair or a surrogate pair, so each part is valid on its own.
import { GSM7_COST } from '../../../src/encoding/gsm7-lookup.js';

export interface PartSplit {
  /** Code-unit index where each part ends (exclusive); the last one is text.length. */
  ends: number[];
  /** Septets (GSM-7) or UTF-16 units (UCS-2) in the last part. */
  lastUnits: number;
}

/**
 * GSM-7 text into parts of at most `capacity` septets. Extension characters (ESC + char) move whole to the next
 * part; with `keepCrlf` (grapheme boundaries) so does a CR LF pair, the only multi-character cluster GSM-7 has.
 */
export function splitGsm7(text: string, capacity: number, keepCrlf: boolean): PartSplit {
  const ends: number[] = [];
  const n = text.length;
  let used = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let cost = GSM7_COST[c]!;
    let width = 1;
    if (keepCrlf && c === 13 && text.charCodeAt(i + 1) === 10) {
      cost = 2;
      width = 2;
    }
    if (used + cost > capacity) {
      ends.push(i);
      used = 0;
    }
    used += cost;
    i += width - 1;
  }
  ends.push(n);
  return { ends, lastUnits: used };
}

/**
 * UCS-2 text into parts of at most `capacity` UTF-16 units. A part never ends with a high surrogate nor starts with
 * a low one: a surrogate pair moves whole to the next part, and so does a lone surrogate's neighbour when possible.
 */
export function splitUcs2(text: string, capacity: number): PartSplit {
  const ends: number[] = [];
  const n = text.length;
  let start = 0;
  while (n - start > capacity) {
    const end = safeCut(text, start, start + capacity);
    ends.push(end);
    start = end;
  }
  ends.push(n);
  return { ends, lastUnits: n - start };
}

/**
 * UCS-2 text cut only between clusters (`starts` from graphemes.ts), as Android and Twilio do. A cluster larger than
 * a part (a long emoji sequence, stacked marks) cannot stay whole: it fills parts unit by unit, cut as splitUcs2 cuts.
 */
export function splitUcs2Clusters(text: string, capacity: number, starts: readonly number[]): PartSplit {
  const ends: number[] = [];
  const n = text.length;
  let partStart = 0;
  let used = 0;
  for (let k = 0; k < starts.length; ) {
    const start = starts[k]!;
    // A cluster boundary next to a lone surrogate is not a safe cut: merge the clusters around it.
    let next = k + 1;
    while (next < starts.length && !canCutAt(text, starts[next]!)) next++;
    const end = next < starts.length ? starts[next]! : n;
    k = next;
    const size = end - start;
    if (used + size <= capacity) {
      used += size;
    } else if (size <= capacity) {
      ends.push(start);
      partStart = start;
      used = size;
    } else {
      for (let i = start; i < end; i++) {
        if (used === capacity) {
          const cut = safeCut(text, partStart, i);
          ends.push(cut);
          used = i - cut;
          partStart = cut;
        }
        used++;
      }
    }
  }
  ends.push(n);
  return { ends, lastUnits: used };
}

/** The latest safe cut at or before `cut` that leaves at least one unit in the part starting at `from`. */
function safeCut(text: string, from: number, cut: number): number {
  let safe = cut;
  while (safe > from + 1 && !canCutAt(text, safe)) safe--;
  return canCutAt(text, safe) ? safe : cut;
}

/** A cut at `index` keeps every surrogate (paired or not) next to its partner side. */
function canCutAt(text: string, index: number): boolean {
  return !isHigh(text.charCodeAt(index - 1)) && !isLow(text.charCodeAt(index));
}

function isHigh(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLow(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
