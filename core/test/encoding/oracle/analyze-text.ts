// Test oracle: the analysis as it was before the single-pass rewrite (issue #14), kept verbatim apart from import
// paths so encoding-fast-path.test.ts can check that the fast path in src returns exactly the same results. It
// shares the data tables (GSM-7 costs, grapheme classes) and the UAX #29 join rules with src; the algorithms
// (scan, distinct characters, part splitting) are its own.
import { FLAG_HARD, FLAG_JOINS, graphemeClass } from '../../../src/encoding/grapheme-classes.js';
import { scanClusters } from '../../../src/encoding/graphemes.js';
import { JOINS_PREVIOUS, NEXT_JOINS, joinAt, newJoinState, type JoinState } from '../../../src/encoding/join-rules.js';
import { GSM7_COST } from '../../../src/encoding/gsm7-lookup.js';
import { NON_GSM, ucs2Table } from '../../../src/encoding/ucs2-table.js';
import { GSM7_SINGLE_CAPACITY, UCS2_SINGLE_CAPACITY } from '../../../src/encoding/capacity.js';
import { PLIVO_MAX_GSM7_CHARACTERS, PLIVO_MAX_UCS2_UNITS } from '../../../src/encoding/limits.js';
import type { AnalyzeSettings } from '../../../src/encoding/options.js';
import { splitGsm7, splitUcs2, splitUcs2Clusters, type PartSplit } from './split-parts.js';
import { DistinctChars } from './distinct-chars.js';
import type { MessageAnalysis } from '../../../src/encoding/types.js';

let distinctChars: DistinctChars | undefined;

export function analyzeText(text: string, settings: AnalyzeSettings): MessageAnalysis {
  const n = text.length;
  let septets = 0;
  let crlf = 0;
  let i = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    const cost = GSM7_COST[c]!;
    if (cost === 0) break;
    septets += cost;
    if (c === 13 && text.charCodeAt(i + 1) === 10) crlf++;
  }
  if (i < n) return analyzeUcs2(text, i, crlf, settings);

  // GSM-7: no GSM character joins another into a cluster except CR LF.
  let segments: string[];
  let perPart = GSM7_SINGLE_CAPACITY;
  let lastUnits = septets;
  if (n === 0) {
    segments = [];
  } else if (septets <= GSM7_SINGLE_CAPACITY) {
    segments = [text];
  } else {
    perPart = settings.gsm7Part;
    if (septets === n && !(settings.grapheme && crlf > 0)) {
      // One septet per character and nothing to keep together: parts end at fixed strides, no walk needed.
      segments = [];
      for (let start = 0; start < n; start += perPart) segments.push(text.slice(start, start + perPart));
      lastUnits = n - (segments.length - 1) * perPart;
    } else {
      const split = splitGsm7(text, perPart, settings.grapheme);
      segments = partTexts(text, split);
      lastUnits = split.lastUnits;
    }
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

function analyzeUcs2(text: string, firstNonGsm: number, crlfBefore: number, settings: AnalyzeSettings): MessageAnalysis {
  const n = text.length;
  const table = ucs2Table();
  const loneSurrogates: number[] = [];
  const distinct = (distinctChars ??= new DistinctChars());
  distinct.begin();
  let flags = 0;
  let crlf = crlfBefore;
  let codePoints = firstNonGsm;
  let joined = 0; // code points that continue the cluster before them
  let joins: JoinState | undefined;
  for (let i = firstNonGsm; i < n; i++, codePoints++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      if (c <= 0xdbff && i + 1 < n) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          const codePoint = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
          const cls = graphemeClass(codePoint);
          flags |= cls;
          distinct.addAstral(codePoint);
          if (cls & FLAG_JOINS) joined += joinCount(joinAt(text, i, i + 2, cls, (joins ??= newJoinState())));
          i++;
          continue;
        }
      }
      loneSurrogates.push(i);
      distinct.add(c);
      continue;
    }
    const entry = table[c]!;
    flags |= entry;
    if (entry & NON_GSM) {
      distinct.add(c);
      if (entry & FLAG_JOINS) joined += joinCount(joinAt(text, i, i + 1, entry, (joins ??= newJoinState())));
    } else if (c === 13 && text.charCodeAt(i + 1) === 10) {
      crlf++;
    }
  }
  const nonGsmCharacters = distinct.finish();

  // Cluster starts are only needed to cut a long message at grapheme boundaries; Intl.Segmenter only for HARD texts.
  const multiPart = n > UCS2_SINGLE_CAPACITY;
  const starts = settings.grapheme && multiPart && ((flags & FLAG_JOINS) !== 0 || crlf > 0) ? [] : undefined;
  const characterCount =
    starts || flags & FLAG_HARD ? scanClusters(text, flags, starts) : codePoints - crlf - joined;

  let segments: string[];
  let perPart = UCS2_SINGLE_CAPACITY;
  let lastUnits = n;
  if (!multiPart) {
    segments = [text];
  } else {
    perPart = settings.ucs2Part;
    const split = starts ? splitUcs2Clusters(text, perPart, starts) : splitUcs2(text, perPart);
    segments = partTexts(text, split);
    lastUnits = split.lastUnits;
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

function partTexts(text: string, split: PartSplit): string[] {
  const texts = new Array<string>(split.ends.length);
  let start = 0;
  for (let k = 0; k < split.ends.length; k++) {
    const end = split.ends[k]!;
    texts[k] = text.slice(start, end);
    start = end;
  }
  return texts;
}
