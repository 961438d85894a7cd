import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildEncodingCorpus } from '../../../bench/encoding-corpus.js';
import { analyzeText } from '../../src/encoding/analyze-text.js';
import { resolveAnalyzeOptions } from '../../src/encoding/options.js';
import type { AnalyzeOptions, MessageAnalysis } from '../../src/index.js';
import { analyzeText as oracleAnalyzeText } from './oracle/analyze-text.js';

// The single-pass analysis (src) against the implementation it replaced (encoding-oracle/), which walked long texts
// again to cut them and kept per-text lists of cut positions: same fields, same values, same key order.

const RUNS = { numRuns: 1000 };

/** Every kind of unit the scan treats apart, and the neighbourhoods where the cut and join rules meet. */
const PIECES = [
  // GSM-7: basic, extension (two septets), CR / LF / CR LF, a lone ESC-like control.
  'a', 'Z', ' ', '.', '0', '@', 'é', 'Ç', 'Δ', '\n', '\r', '\r\n', '\r\r\n', '\f', '€', '[', ']', '{', '}', '~', '|', '^', '\\',
  // Not GSM-7 in the BMP: Latin look-alikes, CJK, other scripts, spaces and joiners.
  'ç', 'á', '“', '—', '…', '\u00a0', '\t', '中', '語', 'ア', '한', 'Ж', 'ب', 'क्ष', '\u200b', '\u200c', '\u200d', '\ufe0f',
  // Combining marks: on a letter, stacked, after a control, at the start.
  'e\u0301', 'a\u0301\u0302\u0303', '\n\u0301', '\u0301', '\u20e3',
  // Emoji: single, skin tone, ZWJ sequences, keycaps, flags (a pair, a lone indicator), subdivision tag flag.
  '😀', '👍🏽', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🤷‍♀️', '1️⃣', '❤️', '🇫🇷', '🇩', '\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}',
  // Supplementary CJK, and lone surrogates of both halves, at every position.
  '\u{20000}', '\uD800', '\uDBFF', '\uDC00', '\uDFFF',
];
const piece = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
);
// size 'max': long texts, so that most need several parts of either encoding.
const gsmText = fc.string({
  unit: fc.constantFrom('a', 'b', ' ', '.', '€', '[', '\r\n', '\r', '\n', '\f', 'é'),
  maxLength: 700,
  size: 'max',
});
const mixedText = fc.string({ unit: piece, maxLength: 300, size: 'max' });
/** A GSM-7 run that turns UCS-2 at a random point: the scan switches tables mid-text. */
const switchingText = fc
  .tuple(gsmText, fc.constantFrom('ç', '“', '\u0301', '\u200d', '中', '😀', '🇫🇷', '\uD800', '\uDC00'), mixedText)
  .map(([gsm, first, rest]) => gsm + first + rest);
const anyText = fc.oneof(gsmText, mixedText, switchingText, fc.string({ unit: 'binary', maxLength: 300, size: 'max' }));
const options: fc.Arbitrary<AnalyzeOptions> = fc.record(
  { boundary: fc.constantFrom('codeUnit' as const, 'grapheme' as const), udhOctets: fc.constantFrom(6, 7, 12, 32) },
  { requiredKeys: [] },
);

function expectSame(text: string, opts: AnalyzeOptions): void {
  const settings = resolveAnalyzeOptions(opts);
  const fast: MessageAnalysis = analyzeText(text, settings);
  const oracle: MessageAnalysis = oracleAnalyzeText(text, settings);
  expect(fast).toStrictEqual(oracle);
  expect(Object.keys(fast)).toEqual(Object.keys(oracle));
}

describe('single-pass analysis equals the implementation it replaced', () => {
  it('on random text: GSM-7 with extension characters and CR LF, surrogate pairs, lone surrogates, combining marks, emoji ZWJ sequences, flags', () => {
    fc.assert(
      fc.property(anyText, options, (text, opts) => expectSame(text, opts)),
      RUNS,
    );
  });

  it('generates what it claims: multi-part texts of both encodings, lone surrogates, joins (guards the arbitraries)', () => {
    const samples = fc.sample(fc.tuple(anyText, options), 500).map(([text, opts]) => analyzeText(text, resolveAnalyzeOptions(opts)));
    const multi = (encoding: string) => samples.filter((a) => a.encoding === encoding && a.segmentCount > 2).length;
    expect(multi('GSM-7')).toBeGreaterThan(40);
    expect(multi('UCS-2')).toBeGreaterThan(40);
    expect(samples.filter((a) => a.loneSurrogates.length > 0).length).toBeGreaterThan(40);
    expect(samples.filter((a) => a.encoding === 'GSM-7' && a.text.includes('€') && a.segmentCount > 1).length).toBeGreaterThan(20);
    expect(samples.filter((a) => a.text.includes('\u200d') && a.characterCount < [...a.text].length).length).toBeGreaterThan(20);
  });

  it('at every length around the part limits, for extension characters and CR LF at every position of a cut', () => {
    for (const fill of ['a', '€', 'ç', '😀']) {
      for (const length of [64, 65, 66, 67, 68, 69, 70, 71, 132, 133, 134, 135, 150, 151, 152, 153, 158, 159, 160, 161, 304, 305, 306]) {
        const base = fill.repeat(length);
        for (const at of [0, 1, 65, 66, 67, 69, 70, 71, 133, 134, 151, 152, 153, 154, 159, 160, 161, 305, 306]) {
          for (const wide of ['€', '\r\n', '😀', '\uD800', 'e\u0301', '👨‍👩‍👧']) {
            const text = base.slice(0, at) + wide + base.slice(at);
            expectSame(text, {});
            expectSame(text, { boundary: 'grapheme' });
          }
        }
      }
    }
  });

  it("on the encoding benchmark's corpus (first 20,000 messages), with every boundary", () => {
    for (const text of buildEncodingCorpus(20_000)) {
      expectSame(text, {});
      expectSame(text, { boundary: 'grapheme', udhOctets: 7 });
    }
  });
});
