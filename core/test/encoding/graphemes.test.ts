import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countGraphemes } from '../../src/index.js';
import {
  FLAG_HARD,
  FLAG_JOINS,
  FLAG_PICTOGRAPHIC,
  KIND_CONTROL,
  KIND_EXTEND,
  KIND_MASK,
  graphemeClass,
} from '../../src/encoding/grapheme-classes.js';
import { clusterStarts } from '../../src/encoding/graphemes.js';
import { GSM7_COST } from '../../src/encoding/gsm7-lookup.js';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const clusters = (text: string): number => {
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
};

/**
 * The rule engine (join-rules.ts) is only correct if the derived classes say exactly which code points can join a
 * neighbour. Sweep whole planes against Intl.Segmenter: every mistake would show up as a wrong character count.
 */
const UNASSIGNED = /^\p{Cn}$/u;
const PRIVATE_USE = /^\p{Co}$/u;
const inUniformBlock = (cp: number): boolean => (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7a3);

function sweep(from: number, to: number): string[] {
  const wrong: string[] = [];
  for (let cp = from; cp <= to; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCodePoint(cp);
    if (UNASSIGNED.test(c) && cp > 0xffff) continue; // unassigned astral code points are plain (Other)
    if (PRIVATE_USE.test(c)) continue;
    if (inUniformBlock(cp) && cp % 8 !== 0) continue; // CJK ideographs and Hangul syllables: one class per block
    const cls = graphemeClass(cp);
    if (cls & FLAG_HARD) continue; // left to Intl.Segmenter by design
    const hex = cp.toString(16);
    const kind = cls & KIND_MASK;
    if (!(cls & FLAG_JOINS)) {
      // Never continues a cluster, nor lets the next one attach (no Prepend, SpacingMark, Hangul jamo here).
      if (clusters('a' + c + 'a') !== 3) wrong.push(`${hex}: joins a neighbouring letter`);
      if (cp !== 0x0d && clusters(c + c) !== 2) wrong.push(`${hex}: joins itself`);
      const takesMark = clusters(c + '\u0301') === 1;
      if (takesMark === (kind === KIND_CONTROL || cp === 0x0a || cp === 0x0d)) wrong.push(`${hex}: control class wrong`);
      const extendsZwj = clusters('\u{1F600}\u200D' + c) === 1;
      if (extendsZwj !== ((cls & FLAG_PICTOGRAPHIC) !== 0)) wrong.push(`${hex}: pictographic flag wrong`);
    } else if (kind === KIND_EXTEND) {
      if (clusters('a' + c) !== 1) wrong.push(`${hex}: extend does not attach`);
      if (clusters('\n' + c) !== 2) wrong.push(`${hex}: extend attaches to LF`);
    }
  }
  return wrong;
}

describe('grapheme classes derived from Unicode properties', () => {
  it('agree with Intl.Segmenter across the BMP', () => {
    expect(sweep(0, 0xffff)).toEqual([]);
  });

  it('agree with Intl.Segmenter on every assigned code point of plane 1 (emoji, historic scripts)', () => {
    expect(sweep(0x10000, 0x1ffff)).toEqual([]);
  });

  it('never give a GSM-7 character a joining class (so GSM-7 texts need no cluster rules beyond CR LF)', () => {
    for (let c = 0; c < 0x10000; c++) {
      if (GSM7_COST[c] !== 0) expect(graphemeClass(c) & FLAG_JOINS, c.toString(16)).toBe(0);
    }
  });
});

describe('grapheme clusters', () => {
  const PIECES = [
    'a', ' ', '\r', '\n', '\r\n', '\u200b', '\u0301', '\u0308', '\u200d', '\u200c', '\ufe0f', '\ufe0e', '\u20e3', '1', '#',
    '\u{1F468}', '\u{1F469}', '\u{1F3FD}', '\u{1F1EB}', '\u{1F1F7}', '\u{E0067}', '\u{E007F}', '\u{1F3F4}', '\u2764',
    '\u2640', '\u00a9', '中', '\uD800', '\uDC00', '\u094D', '\u0915', '\u1100', '\u1161', '\u11A8', '\uAC00',
    '\u0600', '\u0E33', '\u05B0', 'ب',
  ];
  const text = fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 40, size: 'max' });

  it('start where Intl.Segmenter starts them, for texts the rule engine handles and texts it delegates', () => {
    fc.assert(
      fc.property(text, (sample) => {
        const expected = [...segmenter.segment(sample)].map((segment) => segment.index);
        expect(clusterStarts(sample)).toEqual(expected);
        expect(countGraphemes(sample)).toBe(expected.length);
      }),
      { numRuns: 3000 },
    );
  });

  it('handle the classic cases', () => {
    expect(countGraphemes('')).toBe(0);
    expect(countGraphemes('\r\n')).toBe(1);
    expect(countGraphemes('\n\r')).toBe(2);
    expect(countGraphemes('e\u0301\u0302')).toBe(1);
    expect(countGraphemes('\u{1F1EB}\u{1F1F7}\u{1F1E9}')).toBe(2); // a flag and a lone regional indicator
    expect(countGraphemes('\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}')).toBe(1); // Scotland
    expect(countGraphemes('\u{1F469}\u200D\u2764\uFE0F\u200D\u{1F468}')).toBe(1);
    expect(countGraphemes('a\u200D\u{1F600}')).toBe(2); // ZWJ after a letter does not glue an emoji to it
    expect(countGraphemes('क्ष')).toBe(1); // Indic conjunct, delegated to Intl.Segmenter
    expect(countGraphemes('\u1100\u1161\u11A8')).toBe(1); // Hangul jamo, delegated
  });
});
