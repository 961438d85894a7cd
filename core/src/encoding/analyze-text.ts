// analyzeText: encoding, parts, counts and limits of one SMS text, in one walk over its char codes with typed-array
// lookups. The walk starts as a GSM-7 scan (one byte per unit, GSM7_SCAN) and, at the first unit GSM-7 lacks, goes
// on from there as a UCS-2 scan (grapheme class + "not GSM" per unit, ucs2-table.ts) without going back.
// Whatever is rare is noted on the way instead of looked for afterwards: extension characters and CR LF pairs
// (where a GSM-7 text must be cut), lone surrogates, joining characters (combining marks, ZWJ, flags: judged where
// they occur, join-rules.ts), distinct non-GSM characters. Parts are then cut by arithmetic around those notes.
// Only two cases read the text again: cluster starts for grapheme boundaries in a long UCS-2 text with joining
// characters, and Intl.Segmenter for rare scripts (graphemes.ts).
// The result is plain data, parts included: bulk sends analyse thousands of texts, and a plain object is cheapest.
// Smart encoding measures its candidates with it too, so it lives apart from analyzeMessage (analyze.ts).
import { FLAG_HARD, FLAG_JOINS, graphemeClass } from './grapheme-classes.js';
import { scanClusters } from './graphemes.js';
import { JOINS_PREVIOUS, NEXT_JOINS, joinAt, newJoinState, type JoinState } from './join-rules.js';
import { GSM7_SCAN, SCAN_CR, SCAN_EXTENSION, SCAN_NOT_GSM, SCAN_PLAIN } from './gsm7-lookup.js';
import { NON_GSM, ucs2Table } from './ucs2-table.js';
import { GSM7_SINGLE_CAPACITY, UCS2_SINGLE_CAPACITY } from './capacity.js';
import { PLIVO_MAX_GSM7_CHARACTERS, PLIVO_MAX_UCS2_UNITS } from './limits.js';
import type { AnalyzeSettings } from './options.js';
import { WideMarks, cutGsm7, cutUcs2, cutUcs2Clusters } from './split-parts.js';
import { DistinctChars } from './distinct-chars.js';
import type { MessageAnalysis } from './types.js';

// Scratch state reused from text to text (analysis is synchronous): no allocation per text once warmed up.
const wide = new WideMarks();
let distinctChars: DistinctChars | undefined;

export function analyzeText(text: string, settings: AnalyzeSettings): MessageAnalysis {
  const n = text.length;
  const grapheme = settings.grapheme;
  let extensions = 0;
  let crlf = 0;
  let i = 0;
  wide.begin();
  for (; i < n; i++) {
    const kind = GSM7_SCAN[text.charCodeAt(i)]!;
    if (kind === SCAN_PLAIN) continue;
    if (kind === SCAN_NOT_GSM) break;
    if (kind === SCAN_EXTENSION) {
      extensions++;
      wide.add(i, false);
    } else if (kind === SCAN_CR && text.charCodeAt(i + 1) === 10) {
      crlf++;
      // With grapheme boundaries CR LF moves whole to the next part; otherwise it is two plain units.
      if (grapheme) wide.add(i++, true);
    }
  }
  if (i < n) return analyzeUcs2(text, i, crlf, settings);

  // GSM-7: no GSM character joins another into a cluster except CR LF.
  const septets = n + extensions;
  const segments: string[] = [];
  let perPart = GSM7_SINGLE_CAPACITY;
  let lastUnits = septets;
  if (n === 0) {
    // no parts
  } else if (septets <= GSM7_SINGLE_CAPACITY) {
    segments.push(text);
  } else {
    perPart = settings.gsm7Part;
    lastUnits = cutGsm7(text, perPart, wide, segments);
  }
  return {
    encoding: 'GSM-7',
    segmentCount: segments.length,
    segments,
    characterCount: n - crlf,
    unitCount: septets,
    unitsPerSegment: perPart,
    remainingInLastSegment: perPart - lastUnits,
    nonGsmCharacters: [],
    loneSurrogates: [],
    exceedsPlivoLimit: n > PLIVO_MAX_GSM7_CHARACTERS,
    text,
  };
}

/** The UCS-2 rest of the walk, from the first unit GSM-7 lacks; `crlfBefore` CR LF pairs were counted before it. */
function analyzeUcs2(text: string, firstNonGsm: number, crlfBefore: number, settings: AnalyzeSettings): MessageAnalysis {
  const n = text.length;
  const table = ucs2Table();
  const loneSurrogates: number[] = [];
  const distinct = (distinctChars ??= new DistinctChars());
  distinct.begin();
  let flags = 0;
  let crlf = crlfBefore;
  let pairs = 0; // surrogate pairs: code points = n - pairs
  let joined = 0; // code points that continue the cluster before them
  let joins: JoinState | undefined;
  for (let i = firstNonGsm; i < n; i++) {
    const c = text.charCodeAt(i);
    const entry = table[c]!;
    flags |= entry;
    if ((entry & NON_GSM) === 0) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) crlf++;
      continue;
    }
    if ((c & 0xf800) === 0xd800) {
      const d = c <= 0xdbff ? text.charCodeAt(i + 1) : 0; // NaN past the end
      if (d >= 0xdc00 && d <= 0xdfff) {
        const codePoint = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        const cls = graphemeClass(codePoint);
        flags |= cls;
        distinct.add(codePoint);
        if (cls & FLAG_JOINS) joined += joinCount(joinAt(text, i, i + 2, cls, (joins ??= newJoinState())));
        i++;
        pairs++;
        continue;
      }
      loneSurrogates.push(i);
      distinct.add(c);
      continue;
    }
    distinct.add(c);
    if (entry & FLAG_JOINS) joined += joinCount(joinAt(text, i, i + 1, entry, (joins ??= newJoinState())));
  }
  const nonGsmCharacters = distinct.finish();

  // Cluster starts are only needed to cut a long message at grapheme boundaries; Intl.Segmenter only for HARD texts.
  const multiPart = n > UCS2_SINGLE_CAPACITY;
  const starts = settings.grapheme && multiPart && ((flags & FLAG_JOINS) !== 0 || crlf > 0) ? [] : undefined;
  const characterCount =
    starts || flags & FLAG_HARD ? scanClusters(text, flags, starts) : n - pairs - crlf - joined;

  const segments: string[] = [];
  let perPart = UCS2_SINGLE_CAPACITY;
  let lastUnits = n;
  if (!multiPart) {
    segments.push(text);
  } else {
    perPart = settings.ucs2Part;
    lastUnits = starts ? cutUcs2Clusters(text, perPart, starts, segments) : cutUcs2(text, perPart, segments);
  }
  return {
    encoding: 'UCS-2',
    segmentCount: segments.length,
    segments,
    characterCount,
    unitCount: n,
    unitsPerSegment: perPart,
    remainingInLastSegment: perPart - lastUnits,
    nonGsmCharacters,
    loneSurrogates,
    exceedsPlivoLimit: n > PLIVO_MAX_UCS2_UNITS,
    text,
  };
}

/** How many code points a joinAt() result joins: this one, the next one, both or none. */
function joinCount(rule: number): number {
  return (rule & JOINS_PREVIOUS ? 1 : 0) + (rule & NEXT_JOINS ? 1 : 0);
}
