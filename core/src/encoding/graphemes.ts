// Extended grapheme clusters (what a user sees as one character). Texts whose code points never join need no work
// here (the analysis counts code points). Texts with combining marks, ZWJ sequences, variation selectors, skin tones
// or flags follow the rules in join-rules.ts; texts with rarer joining characters go to Intl.Segmenter.
import { FLAG_HARD, FLAG_JOINS, bmpClasses, graphemeClass } from './grapheme-classes.js';
import { JOINS_PREVIOUS, NEXT_JOINS, joinAt, newJoinState } from './join-rules.js';

let segmenter: Intl.Segmenter | undefined;

/** OR of the class bytes of every code point: tells which engine a text needs (see grapheme-classes.ts). */
export function joinFlags(text: string): number {
  const classes = bmpClasses();
  let flags = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        flags |= graphemeClass(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
        i++;
        continue;
      }
    }
    flags |= classes[c]!;
  }
  return flags;
}

/**
 * Number of clusters; when `starts` is given, pushes the code-unit index where each cluster begins.
 * `flags` is joinFlags(text) (or a superset of it, as computed by the analysis scan).
 */
export function scanClusters(text: string, flags: number, starts?: number[]): number {
  return flags & FLAG_HARD ? icuClusters(text, starts) : ruleClusters(text, starts);
}

/** Code-unit start index of every cluster of `text`. */
export function clusterStarts(text: string): number[] {
  const starts: number[] = [];
  scanClusters(text, joinFlags(text), starts);
  return starts;
}

/** Number of user-perceived characters in `text`. */
export function graphemeCount(text: string): number {
  return scanClusters(text, joinFlags(text));
}

/** Clusters by the rules of join-rules.ts (no HARD code point in the text). */
function ruleClusters(text: string, starts?: number[]): number {
  const classes = bmpClasses();
  const state = newJoinState();
  const n = text.length;
  let count = 0;
  let joinsNext = -1;
  for (let i = 0; i < n; ) {
    const start = i;
    const c = text.charCodeAt(i++);
    let cls: number;
    if (c >= 0xd800 && c <= 0xdbff && i < n && isLow(text.charCodeAt(i))) {
      cls = graphemeClass(((c - 0xd800) << 10) + (text.charCodeAt(i) - 0xdc00) + 0x10000);
      i++;
    } else {
      cls = classes[c]!;
    }
    let joined = start === joinsNext;
    if (cls & FLAG_JOINS) {
      const rule = joinAt(text, start, i, cls, state);
      if (rule & JOINS_PREVIOUS) joined = true;
      if (rule & NEXT_JOINS) joinsNext = i;
    } else if (c === 10 && start > 0 && text.charCodeAt(start - 1) === 13) {
      joined = true;
    }
    if (!joined) {
      count++;
      if (starts) starts.push(start);
    }
  }
  return count;
}

function icuClusters(text: string, starts?: number[]): number {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let count = 0;
  for (const { index } of segmenter.segment(text)) {
    count++;
    if (starts) starts.push(index);
  }
  return count;
}

function isLow(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
