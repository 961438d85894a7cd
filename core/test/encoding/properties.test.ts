import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeMessage, type AnalyzeOptions, type MessageAnalysis } from '../../src/index.js';
import { GSM7_COST } from '../../src/encoding/gsm7-lookup.js';

const RUNS = { numRuns: 1000 };
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Pieces chosen to hit every path: GSM basic and extension, CR LF, accents, emoji sequences, CJK, lone surrogates. */
const PIECES = [
  'a', 'Z', ' ', '0', '@', 'é', 'Ç', '\n', '\r', '\r\n', '\f', '€', '[', ']', '{', '~', '|', '^', '\\',
  'ç', 'á', '“', '—', '…', '\u00a0', '\t', '中', '語', 'ア', '한', 'Ж', 'ب', 'क्ष', 'e\u0301', '\u0301', '\u200d',
  '\u200b', '\ufe0f', '😀', '👍🏽', '🇫🇷', '🇩', '1️⃣', '❤️', '👨‍👩‍👧‍👦', '🏳️‍🌈', '\u{20000}', '\uD800', '\uDC00', '\uDBFF',
];
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 2 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 2 }) },
);
/** Mostly-GSM texts (so long GSM messages are common) and mixed texts, up to ~500 units. */
// size 'max': without it fast-check keeps strings under ~10 units and no text would need two parts.
const gsmText = fc.string({
  unit: fc.constantFrom('a', 'b', ' ', '.', '€', '[', '\r\n', '\f', 'é', '\n'),
  maxLength: 400,
  size: 'max',
});
const anyText = fc.oneof(
  gsmText,
  fc.string({ unit: piece, maxLength: 250, size: 'max' }),
  fc.string({ unit: 'binary', maxLength: 200, size: 'max' }),
);
const options: fc.Arbitrary<AnalyzeOptions> = fc.record(
  { boundary: fc.constantFrom('codeUnit' as const, 'grapheme' as const), udhOctets: fc.constantFrom(6, 7, 12) },
  { requiredKeys: [] },
);

function septets(text: string): number {
  let total = 0;
  for (let i = 0; i < text.length; i++) total += GSM7_COST[text.charCodeAt(i)]!;
  return total;
}

function units(part: string, analysis: MessageAnalysis): number {
  return analysis.encoding === 'GSM-7' ? septets(part) : part.length;
}

const isHigh = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

describe('analyzeMessage properties', () => {
  it('never throws for any string, and segmentCount === segments.length', () => {
    fc.assert(
      fc.property(anyText, options, (text, opts) => {
        const analysis = analyzeMessage(text, opts);
        expect(analysis.segmentCount).toBe(analysis.segments.length);
        expect(analysis.segmentCount === 0).toBe(text === '');
      }),
      RUNS,
    );
  });

  it('generates enough long texts to exercise splitting (guards the arbitraries above)', () => {
    const samples = fc.sample(anyText, 300).map((text) => analyzeMessage(text));
    expect(samples.filter((analysis) => analysis.segmentCount > 1 && analysis.encoding === 'GSM-7').length).toBeGreaterThan(30);
    expect(samples.filter((analysis) => analysis.segmentCount > 1 && analysis.encoding === 'UCS-2').length).toBeGreaterThan(30);
  });

  it('parts concatenate back to the sent text and none is empty', () => {
    fc.assert(
      fc.property(anyText, options, (text, opts) => {
        const analysis = analyzeMessage(text, opts);
        expect(analysis.segments.join('')).toBe(text);
        expect(analysis.text).toBe(text);
        for (const part of analysis.segments) expect(part.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('no part exceeds its capacity, the unit counts add up, and every full part is really full', () => {
    fc.assert(
      fc.property(anyText, options, (text, opts) => {
        const analysis = analyzeMessage(text, opts);
        const udh = opts.udhOctets ?? 6;
        const gsm = analysis.encoding === 'GSM-7';
        const capacity =
          analysis.segmentCount <= 1 ? (gsm ? 160 : 70) : gsm ? 160 - Math.ceil((udh * 8) / 7) : Math.floor((140 - udh) / 2);
        expect(analysis.unitsPerSegment).toBe(capacity);
        expect(analysis.unitCount).toBe(gsm ? septets(text) : text.length);
        let total = 0;
        analysis.segments.forEach((part, k) => {
          const used = units(part, analysis);
          expect(used).toBeLessThanOrEqual(capacity);
          total += used;
          const next = analysis.segments[k + 1];
          // Greedy: a GSM part is closed only when its next character (or CR LF) no longer fits.
          if (next !== undefined && gsm) {
            const following = opts.boundary === 'grapheme' && next.startsWith('\r\n') ? 2 : septets(next.charAt(0));
            expect(used + following).toBeGreaterThan(capacity);
          }
        });
        expect(total).toBe(analysis.unitCount);
        if (analysis.segmentCount > 0) {
          expect(analysis.remainingInLastSegment).toBe(capacity - units(analysis.segments.at(-1)!, analysis));
        }
      }),
      RUNS,
    );
  });

  it('never cuts a surrogate pair or an escape pair: no part starts with a low or ends with a high surrogate', () => {
    fc.assert(
      fc.property(anyText, options, (text, opts) => {
        const analysis = analyzeMessage(text, opts);
        analysis.segments.forEach((part, k) => {
          // At every cut (a lone surrogate at either end of the whole text is the text's own business).
          if (k > 0) expect(isLow(part.charCodeAt(0))).toBe(false);
          if (k < analysis.segmentCount - 1) expect(isHigh(part.charCodeAt(part.length - 1))).toBe(false);
          // Each part is GSM-7 on its own when the message is: an extension character is never half in a part.
          if (analysis.encoding === 'GSM-7') expect(septets(part)).toBeGreaterThanOrEqual(part.length);
        });
      }),
      RUNS,
    );
  });

  it('counts characters exactly as Intl.Segmenter does', () => {
    fc.assert(
      fc.property(anyText, options, (text, opts) => {
        expect(analyzeMessage(text, opts).characterCount).toBe([...segmenter.segment(text)].length);
      }),
      RUNS,
    );
  });

  it('with grapheme boundaries, cuts only between graphemes unless one grapheme is larger than a part', () => {
    const wellFormed = anyText.filter((text) => !/[\ud800-\udfff]/.test(text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')));
    fc.assert(
      fc.property(wellFormed, options, (text, opts) => {
        const analysis = analyzeMessage(text, { ...opts, boundary: 'grapheme' });
        const clusters = [...segmenter.segment(text)];
        const starts = new Set(clusters.map((cluster) => cluster.index));
        let offset = 0;
        for (const part of analysis.segments.slice(0, -1)) {
          offset += part.length;
          if (starts.has(offset)) continue;
          const spanning = clusters.findLast((cluster) => cluster.index < offset)!;
          expect(units(spanning.segment, analysis)).toBeGreaterThan(analysis.unitsPerSegment);
        }
      }),
      RUNS,
    );
  });
});
