import { describe, expect, it } from 'vitest';
import { TextbridgeError, analyzeMessage, countGraphemes, isGsm7, type MessageAnalysis } from '../../src/index.js';
import { GSM7_BASIC_ROWS, GSM7_EXTENSION } from '../../src/encoding/gsm7.js';

const CJK = '中';
const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}'; // 👨‍👩‍👧‍👦: 11 UTF-16 units, 1 character

function lengths(analysis: MessageAnalysis): number[] {
  return analysis.segments.map((part) => part.length);
}

function expectError(run: () => unknown, code: string, field: string): TextbridgeError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TextbridgeError);
    const failure = error as TextbridgeError;
    expect(failure.code).toBe(code);
    expect(failure.field).toBe(field);
    expect(failure.message).toContain(field);
    expect(failure.hint.length).toBeGreaterThan(10);
    return failure;
  }
  throw new Error('expected a TextbridgeError');
}

describe('GSM-7 alphabet', () => {
  it('accepts every 03.38 character and charges 2 septets for the extension table', () => {
    for (const row of GSM7_BASIC_ROWS) {
      for (const char of row) {
        if (char === null) continue;
        const analysis = analyzeMessage(char);
        expect(analysis.encoding, JSON.stringify(char)).toBe('GSM-7');
        expect(analysis.unitCount).toBe(1);
      }
    }
    for (const char of ['^', '{', '}', '\\', '[', '~', ']', '|', '€', '\f']) {
      expect(Object.values(GSM7_EXTENSION)).toContain(char);
      const analysis = analyzeMessage(char);
      expect(analysis.encoding).toBe('GSM-7');
      expect(analysis.unitCount).toBe(2);
      expect(analysis.characterCount).toBe(1);
    }
  });

  it('knows Ç is GSM-7 (septet 0x09) but ç is not', () => {
    expect(analyzeMessage('Ç').encoding).toBe('GSM-7');
    const small = analyzeMessage('garçon');
    expect(small.encoding).toBe('UCS-2');
    expect(small.nonGsmCharacters).toEqual(['ç']);
    expect(isGsm7('Ça va')).toBe(true);
    expect(isGsm7('ça va')).toBe(false);
  });

  it('rejects look-alikes that are not in the table', () => {
    for (const char of ['`', 'á', 'À', '“', '—', '\u00a0', '\t', 'ä\u0308']) {
      expect(analyzeMessage(char).encoding, JSON.stringify(char)).toBe('UCS-2');
    }
  });
});

describe('analyzeMessage on GSM-7 text', () => {
  it.each([
    [159, 1, 160, 1, [159]],
    [160, 1, 160, 0, [160]],
    [161, 2, 153, 145, [153, 8]],
    [306, 2, 153, 0, [153, 153]],
    [307, 3, 153, 152, [153, 153, 1]],
  ])('%i characters -> %i part(s) of %i', (length, parts, perPart, remaining, partLengths) => {
    const analysis = analyzeMessage('a'.repeat(length));
    expect(analysis.encoding).toBe('GSM-7');
    expect(analysis.segmentCount).toBe(parts);
    expect(analysis.segments).toHaveLength(parts);
    expect(lengths(analysis)).toEqual(partLengths);
    expect(analysis.unitCount).toBe(length);
    expect(analysis.characterCount).toBe(length);
    expect(analysis.unitsPerSegment).toBe(perPart);
    expect(analysis.remainingInLastSegment).toBe(remaining);
  });

  it('never splits an escape pair: a € that would straddle septets 153/154 opens the next part', () => {
    const text = 'a'.repeat(152) + '€' + 'b'.repeat(10);
    const analysis = analyzeMessage(text);
    expect(analysis.unitCount).toBe(164);
    expect(analysis.segments).toEqual(['a'.repeat(152), '€' + 'b'.repeat(10)]);
    expect(analysis.remainingInLastSegment).toBe(153 - 12);
    // One septet earlier it still fits: septets 152-153 of the first part.
    const fits = analyzeMessage('a'.repeat(151) + '€' + 'b'.repeat(10));
    expect(lengths(fits)).toEqual([152, 10]);
  });

  it('splits 153 "]" (306 septets) into 3 parts, not ceil(306 / 153) = 2', () => {
    const analysis = analyzeMessage(']'.repeat(153));
    expect(analysis.unitCount).toBe(306);
    expect(analysis.characterCount).toBe(153);
    expect(analysis.segmentCount).toBe(3);
    expect(lengths(analysis)).toEqual([76, 76, 1]);
    expect(analysis.remainingInLastSegment).toBe(151);
  });

  it('fits 80 extension characters (160 septets) in one message', () => {
    const analysis = analyzeMessage('{'.repeat(80));
    expect(analysis.segmentCount).toBe(1);
    expect(analysis.remainingInLastSegment).toBe(0);
    expect(analyzeMessage('{'.repeat(80) + 'a').segmentCount).toBe(2);
  });

  it('counts form feed as an extension character', () => {
    const analysis = analyzeMessage('page 1\fpage 2');
    expect(analysis.encoding).toBe('GSM-7');
    expect(analysis.unitCount).toBe(14);
    expect(analysis.characterCount).toBe(13);
  });

  it('counts CR LF as one character but two septets, and keeps it whole with grapheme boundaries', () => {
    const short = analyzeMessage('a\r\nb');
    expect(short.characterCount).toBe(3);
    expect(short.unitCount).toBe(4);
    const text = 'a'.repeat(152) + '\r\n' + 'b'.repeat(20);
    expect(lengths(analyzeMessage(text))).toEqual([153, 21]);
    const whole = analyzeMessage(text, { boundary: 'grapheme' });
    expect(whole.segments).toEqual(['a'.repeat(152), '\r\n' + 'b'.repeat(20)]);
    expect(whole.characterCount).toBe(173);
  });

  it('uses 152 septets per part with a 7-octet header (16-bit reference)', () => {
    const analysis = analyzeMessage('a'.repeat(161), { udhOctets: 7 });
    expect(analysis.unitsPerSegment).toBe(152);
    expect(lengths(analysis)).toEqual([152, 9]);
    expect(analyzeMessage('a'.repeat(160), { udhOctets: 7 }).segmentCount).toBe(1);
    expect(analyzeMessage('a'.repeat(305), { udhOctets: 7 }).segmentCount).toBe(3);
  });
});

describe('analyzeMessage on UCS-2 text', () => {
  it.each([
    [70, 1, 70, 0],
    [71, 2, 67, 63],
    [134, 2, 67, 0],
    [135, 3, 67, 66],
  ])('%i CJK characters -> %i part(s) of %i', (length, parts, perPart, remaining) => {
    const analysis = analyzeMessage(CJK.repeat(length));
    expect(analysis.encoding).toBe('UCS-2');
    expect(analysis.segmentCount).toBe(parts);
    expect(analysis.segments.join('')).toBe(CJK.repeat(length));
    expect(analysis.unitsPerSegment).toBe(perPart);
    expect(analysis.remainingInLastSegment).toBe(remaining);
    expect(analysis.nonGsmCharacters).toEqual([CJK]);
  });

  it('moves an emoji that would take the 67th and 68th units to the next part', () => {
    const text = CJK.repeat(66) + '😀' + CJK.repeat(10);
    const analysis = analyzeMessage(text);
    expect(analysis.unitCount).toBe(78);
    expect(analysis.characterCount).toBe(77);
    expect(analysis.segments).toEqual([CJK.repeat(66), '😀' + CJK.repeat(10)]);
    // At units 66-67 it fits.
    expect(lengths(analyzeMessage(CJK.repeat(65) + '😀' + CJK.repeat(10)))).toEqual([67, 10]);
    // 68 characters + one emoji = 70 units: still a single message.
    expect(analyzeMessage(CJK.repeat(68) + '😀').segmentCount).toBe(1);
  });

  it('cuts a ZWJ family between code points by default, and keeps it whole with grapheme boundaries', () => {
    const text = CJK.repeat(60) + FAMILY + CJK.repeat(10);
    const byUnit = analyzeMessage(text);
    expect(byUnit.characterCount).toBe(71);
    expect(byUnit.unitCount).toBe(81);
    expect(byUnit.segmentCount).toBe(2);
    // Units 60..66 hold 👨 ZWJ 👩 ZWJ and the high half of 👧: the cut moves before 👧.
    expect(byUnit.segments[0]).toBe(CJK.repeat(60) + '\u{1F468}\u200D\u{1F469}\u200D');
    expect(byUnit.segments[1]!.startsWith('\u{1F467}')).toBe(true);

    const byGrapheme = analyzeMessage(text, { boundary: 'grapheme' });
    expect(byGrapheme.segments).toEqual([CJK.repeat(60), FAMILY + CJK.repeat(10)]);
    expect(byGrapheme.characterCount).toBe(71);
  });

  it('falls back to code points when one grapheme is larger than a part', () => {
    const zalgo = 'Z' + '\u0301'.repeat(100);
    const analysis = analyzeMessage(zalgo, { boundary: 'grapheme' });
    expect(analysis.characterCount).toBe(1);
    expect(analysis.segments.join('')).toBe(zalgo);
    expect(lengths(analysis)).toEqual([67, 34]);
  });

  it('treats combining marks as part of their letter', () => {
    const decomposed = analyzeMessage('Cafe\u0301');
    expect(decomposed.encoding).toBe('UCS-2');
    expect(decomposed.characterCount).toBe(4);
    expect(decomposed.unitCount).toBe(5);
    expect(decomposed.nonGsmCharacters).toEqual(['\u0301']);
    const text = CJK.repeat(66) + 'e\u0301' + CJK.repeat(5);
    expect(lengths(analyzeMessage(text))).toEqual([67, 6]);
    expect(analyzeMessage(text, { boundary: 'grapheme' }).segments[1]).toBe('e\u0301' + CJK.repeat(5));
  });

  it('counts flags, skin tones, keycaps and emoji presentation as one character each', () => {
    for (const emoji of ['🇫🇷', '👍🏽', '1️⃣', '❤️', '🏳️‍🌈', '🤷‍♀️', FAMILY]) {
      expect(analyzeMessage(emoji).characterCount, emoji).toBe(1);
    }
    expect(analyzeMessage('🇫🇷🇩🇪🇮').characterCount).toBe(3);
  });

  it('lists distinct non-GSM code points in order of first appearance', () => {
    const analysis = analyzeMessage('Hi “Bob” 👍🏽 — 👍 “');
    expect(analysis.nonGsmCharacters).toEqual(['“', '”', '\u{1F44D}', '\u{1F3FD}', '—']);
  });

  it('uses 66 units per part with a 7-octet header', () => {
    const analysis = analyzeMessage(CJK.repeat(71), { udhOctets: 7 });
    expect(analysis.unitsPerSegment).toBe(66);
    expect(lengths(analysis)).toEqual([66, 5]);
  });

  it('reports lone surrogates, counts them as UCS-2 units and never throws', () => {
    const analysis = analyzeMessage('a\uD800b\uDC00');
    expect(analysis.encoding).toBe('UCS-2');
    expect(analysis.loneSurrogates).toEqual([1, 3]);
    expect(analysis.unitCount).toBe(4);
    expect(analysis.characterCount).toBe(4);
    expect(analysis.nonGsmCharacters).toEqual(['\uD800', '\uDC00']);
    expect(analyzeMessage('\u{1F600}').loneSurrogates).toEqual([]);
    // A lone low surrogate never opens a part: the cut moves one unit earlier.
    const split = analyzeMessage(CJK.repeat(67) + '\uDC00' + CJK.repeat(3));
    expect(lengths(split)).toEqual([66, 5]);
  });
});

describe('analyzeMessage basics', () => {
  it('returns no parts for an empty text', () => {
    const analysis = analyzeMessage('');
    expect(analysis).toMatchObject({
      encoding: 'GSM-7',
      segmentCount: 0,
      segments: [],
      characterCount: 0,
      unitCount: 0,
      unitsPerSegment: 160,
      remainingInLastSegment: 160,
      nonGsmCharacters: [],
      loneSurrogates: [],
      exceedsPlivoLimit: false,
      text: '',
    });
  });

  it('is plain data: JSON and spread carry every field', () => {
    const analysis = analyzeMessage('a'.repeat(200));
    const copy = { ...analysis };
    expect(copy.segments).toEqual(['a'.repeat(153), 'a'.repeat(47)]);
    expect(JSON.parse(JSON.stringify(analysis))).toEqual(copy);
    expect(Object.keys(copy)).toEqual(
      expect.arrayContaining(['encoding', 'segmentCount', 'segments', 'characterCount', 'unitCount', 'nonGsmCharacters', 'text']),
    );
  });

  it('flags texts over Plivo limits: 1,600 GSM-7 characters, 737 UCS-2 units', () => {
    expect(analyzeMessage('a'.repeat(1600)).exceedsPlivoLimit).toBe(false);
    expect(analyzeMessage('a'.repeat(1601)).exceedsPlivoLimit).toBe(true);
    expect(analyzeMessage('€'.repeat(1600)).exceedsPlivoLimit).toBe(false);
    expect(analyzeMessage(CJK.repeat(737)).exceedsPlivoLimit).toBe(false);
    expect(analyzeMessage(CJK.repeat(738)).exceedsPlivoLimit).toBe(true);
    expect(analyzeMessage('😀'.repeat(369)).exceedsPlivoLimit).toBe(true);
    expect(analyzeMessage(CJK.repeat(737)).segmentCount).toBe(11);
  });

  it('throws INVALID_TEXT for anything but a string', () => {
    for (const value of [undefined, null, 42, true, {}, ['hi'], Symbol('x'), 10n]) {
      const error = expectError(() => analyzeMessage(value), 'INVALID_TEXT', 'text');
      expect(error.message).toMatch(/text must be a string, got /);
      expectError(() => isGsm7(value), 'INVALID_TEXT', 'text');
      expectError(() => countGraphemes(value), 'INVALID_TEXT', 'text');
    }
  });

  it('validates its options with INVALID_INPUT naming the option', () => {
    for (const udhOctets of [6.5, 0, 5, 33, Number.NaN, Number.POSITIVE_INFINITY, -7]) {
      expectError(() => analyzeMessage('hi', { udhOctets }), 'INVALID_INPUT', 'udhOctets');
    }
    expectError(() => analyzeMessage('hi', { udhOctets: '7' as unknown as number }), 'INVALID_INPUT', 'udhOctets');
    expectError(() => analyzeMessage('hi', { boundary: 'word' as 'grapheme' }), 'INVALID_INPUT', 'boundary');
    expectError(() => analyzeMessage('hi', { smartEncoding: 'yes' as 'always' }), 'INVALID_INPUT', 'smartEncoding');
    expectError(() => analyzeMessage('hi', 'grapheme' as never), 'INVALID_INPUT', 'options');
    expect(analyzeMessage('hi', { udhOctets: 12, boundary: 'codeUnit', smartEncoding: false }).segmentCount).toBe(1);
    expect(analyzeMessage('a'.repeat(161), { udhOctets: 12 }).unitsPerSegment).toBe(146);
  });
});
